ALTER TABLE "approvals" DROP CONSTRAINT "approvals_run_attempt_key";--> statement-breakpoint
ALTER TABLE "approvals" ADD COLUMN "settles" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "routing" json;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "approvals" json;--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_run_attempt_settles_key" ON "approvals" USING btree ("run_id","attempt") WHERE "approvals"."settles";