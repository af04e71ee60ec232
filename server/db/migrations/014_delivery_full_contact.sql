-- A lead package shows the seller's phone, e-mail and surname only once the agent has accepted
-- (and paid, when by card); a trusted agent ("agent de confiance") gets them at once.
ALTER TABLE deliveries ADD COLUMN full_contact INTEGER NOT NULL DEFAULT 0;
