import { customType } from "drizzle-orm/pg-core";

/** Binary column: raw mails and attachment contents. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});
