CREATE TABLE "approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"code_sha256" text NOT NULL,
	"verdict" text NOT NULL,
	"decided_by" text NOT NULL,
	"comment" text,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "approvals_run_attempt_key" UNIQUE("run_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "artifacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"attempt" integer,
	"kind" text NOT NULL,
	"path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "artifacts_path_key" UNIQUE("path")
);
--> statement-breakpoint
CREATE TABLE "attempts" (
	"run_id" text NOT NULL,
	"number" integer NOT NULL,
	"source" text NOT NULL,
	"code" text NOT NULL,
	"code_sha256" text NOT NULL,
	"model" text,
	"analysis" json,
	"verdict" json,
	"approval" json,
	"result" json,
	"error" json,
	"notebook_path" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attempts_run_id_number_pk" PRIMARY KEY("run_id","number")
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"event" text NOT NULL,
	"state" json NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkpoints_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"requester" text NOT NULL,
	"title" text NOT NULL,
	"request" json NOT NULL,
	"outcome" json,
	"notebook_path" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "artifacts_run_idx" ON "artifacts" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "runs_status_idx" ON "runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "runs_created_at_idx" ON "runs" USING btree ("created_at");