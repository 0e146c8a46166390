CREATE TABLE "run_output" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"stream" text NOT NULL,
	"text" text NOT NULL,
	"bytes" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_output" ADD CONSTRAINT "run_output_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_output_run_seq_idx" ON "run_output" USING btree ("run_id","seq");--> statement-breakpoint
CREATE INDEX "run_output_attempt_idx" ON "run_output" USING btree ("run_id","attempt","seq");