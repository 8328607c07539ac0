-- Checkout in three short steps (reserve stock as a pending order, charge outside any
-- transaction, then mark it paid or release it). See docs/backend-rds.md, Placing an order.

-- A failed attempt gives its idempotency key back (NULL), so the shopper may retry with it.
-- AlterTable
ALTER TABLE "orders" ADD COLUMN "payment_failure" VARCHAR(40),
ALTER COLUMN "idempotency_key" DROP NOT NULL;

-- CreateTable
CREATE TABLE "sandbox_charges" (
    "id" SERIAL NOT NULL,
    "idempotency_key" VARCHAR(200) NOT NULL,
    "reference" VARCHAR(100) NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "card_brand" VARCHAR(20) NOT NULL,
    "card_last4" CHAR(4) NOT NULL,
    "refunded_cents" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_charges_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_charges_idempotency_key_key" ON "sandbox_charges"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_charges_reference_key" ON "sandbox_charges"("reference");

-- Only a failed attempt lacks a key, and only a failed attempt carries a failure reason.
ALTER TABLE "orders"
  ADD CONSTRAINT "orders_key_unless_payment_failed"
    CHECK ("idempotency_key" IS NOT NULL OR "status" = 'payment_failed'),
  ADD CONSTRAINT "orders_failure_reason_when_payment_failed"
    CHECK (("payment_failure" IS NOT NULL) = ("status" = 'payment_failed'));

-- The sandbox refunds at most what it charged.
ALTER TABLE "sandbox_charges"
  ADD CONSTRAINT "sandbox_charges_amount_not_negative" CHECK ("amount_cents" >= 0),
  ADD CONSTRAINT "sandbox_charges_refund_within_amount"
    CHECK ("refunded_cents" BETWEEN 0 AND "amount_cents");
