-- The phone residents call to reach their compound's commissioner (a service line, landline or
-- mobile): published on the resident's "my commissioner" card, unlike a person's own phone.
ALTER TABLE commissioner_assignments ADD COLUMN service_phone TEXT;
