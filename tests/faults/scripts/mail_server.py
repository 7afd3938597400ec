# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [SMTP port]. The
# outgoing mail server is 127.0.0.1:<port>, and only it.
(port,) = ARGS
env["ir.mail_server"].search([]).active = False
env["ir.mail_server"].create(
    {
        "name": "Fake SMTP",
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_encryption": "none",
    }
)
env.cr.commit()
