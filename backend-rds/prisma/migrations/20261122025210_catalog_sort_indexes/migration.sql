-- DropIndex
DROP INDEX "books_created_at_idx";

-- DropIndex
DROP INDEX "books_price_cents_idx";

-- DropIndex
DROP INDEX "books_title_idx";

-- DropIndex
DROP INDEX "books_units_sold_idx";

-- CreateIndex
CREATE INDEX "books_title_id_idx" ON "books"("title", "id");

-- CreateIndex
CREATE INDEX "books_price_cents_id_idx" ON "books"("price_cents", "id");

-- CreateIndex
CREATE INDEX "books_created_at_id_idx" ON "books"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "books_units_sold_id_idx" ON "books"("units_sold" DESC, "id");

-- CreateIndex
CREATE INDEX "books_archived_at_idx" ON "books"("archived_at");
