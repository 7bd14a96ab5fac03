-- Schema version 2: the indexes that customer search and the 360° panel read through.
-- Search compares normalised keys by prefix, so every kind of search is an index range scan:
--   name_norm / name_alt   Chinese and Latin names, and Latin surnames
--   number_digits          full or leading part of a number
--   number_rev             trailing part of a number (the last four digits)
--   id_number, account_no  documents and accounts
CREATE INDEX customer_name_norm  ON customer(name_norm);
CREATE INDEX customer_name_alt   ON customer(name_alt) WHERE name_alt IS NOT NULL;
CREATE INDEX customer_id_number  ON customer(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX customer_account_no ON customer(account_no);
CREATE INDEX customer_parent     ON customer(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX subscription_digits ON subscription(number_digits);
CREATE INDEX subscription_rev    ON subscription(number_rev);
CREATE INDEX subscription_customer ON subscription(customer_id);
CREATE INDEX addon_subscription  ON subscription_addon(subscription_id);
CREATE INDEX interaction_customer_time ON interaction(customer_id, occurred_at);
CREATE INDEX ticket_customer     ON ticket(customer_id, created_at);
CREATE INDEX ticket_event_ticket ON ticket_event(ticket_id, at);
CREATE INDEX note_customer       ON customer_note(customer_id, created_at);
CREATE INDEX retention_customer  ON retention_task(customer_id);
CREATE INDEX order_customer      ON sales_order(customer_id);
CREATE INDEX customer_deleted    ON customer(deleted_at) WHERE deleted_at IS NOT NULL;
