/** F2: what booked time was spent on (database enum, forms and reports share this list). */
export const serviceTypes = ["call", "ticket", "email", "meeting", "webinar", "development", "design"] as const;
export type ServiceType = (typeof serviceTypes)[number];
