-- Copyright 2026 The dunning_levels Authors
-- License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
-- A neutralised copy never posts real letters: Maileva's sandbox, no credentials.
UPDATE res_company
   SET maileva_environment = 'sandbox',
       maileva_auth_url = NULL,
       maileva_api_url = NULL,
       maileva_username = NULL,
       maileva_password = NULL,
       maileva_client_id = NULL,
       maileva_client_secret = NULL,
       maileva_webhook_login = NULL,
       maileva_webhook_password = NULL;
