# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [{"url", "username",
# "password", "client_id", "client_secret"}] of the fake Maileva server. The
# main company posts its letters through it: both URLs point at it, with its
# credentials; a call waits 10 s at most and is retried without delay.
(maileva,) = ARGS
env.ref("base.main_company").write(
    {
        "maileva_environment": "sandbox",
        "maileva_auth_url": maileva["url"],
        "maileva_api_url": maileva["url"],
        "maileva_username": maileva["username"],
        "maileva_password": maileva["password"],
        "maileva_client_id": maileva["client_id"],
        "maileva_client_secret": maileva["client_secret"],
    }
)
params = env["ir.config_parameter"]
params.set_param("dunning_levels_maileva.timeout", "10")
params.set_param("dunning_levels_maileva.backoff", "0")
env.cr.commit()
