ALTER TABLE "import_jobs" ADD COLUMN "error_message" jsonb;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD COLUMN "message" jsonb;