// The PostgreSQL extensions the schema uses (`extensions = [...]` in prisma/postgresql/schema.prisma).
// PGlite bundles them but loads one only when it is passed to PGlite.create, before CREATE EXTENSION.
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const PGLITE_EXTENSIONS = { pg_trgm };
