-- A checkout attempt whose charge was declined or never made ends as payment_failed.
-- Alone in its migration: PostgreSQL cannot use a new enum value in the transaction that
-- adds it, and the next migration's CHECK constraints name it.
-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'payment_failed';
