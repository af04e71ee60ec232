-- Card payments keep Stripe's payment intent: a refund made in Stripe's dashboard arrives as
-- charge.refunded, which names the intent (not the Checkout Session we recorded), and must find
-- the payment it gives back.
ALTER TABLE payments ADD COLUMN stripe_payment_intent TEXT;
CREATE INDEX payments_payment_intent ON payments(stripe_payment_intent) WHERE stripe_payment_intent IS NOT NULL;
