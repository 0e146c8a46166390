import { fileURLToPath } from "node:url"

/** The drizzle-kit migrations, shared by PGlite and Postgres (same depth from src/ and dist/). */
export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url))
