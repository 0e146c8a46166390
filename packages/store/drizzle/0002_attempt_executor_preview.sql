ALTER TABLE "attempts" ADD COLUMN "executor" text;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "preview" json;