/**
 * First and last name read from a mail's display name, to fill a contact's empty name
 * fields (K1): "Carla Kundin" and "Kundin, Carla" both give Carla / Kundin. Names that
 * are not a person's (one word, an address, a number, a company or a team) give null:
 * better an empty field than a wrong one.
 */
const notAPerson = /@|\d|\b(gmbh|ag|kg|ug|se|e\.?\s?v|inc|ltd|llc|corp|co|team|support|service|info|office|sales|vertrieb|buchhaltung|kundenservice|noreply|no-reply)\b\.?/i;

export function splitPersonName(displayName: string | null | undefined): { firstName: string; lastName: string } | null {
  const name = displayName?.replace(/\s+/g, " ").trim().replace(/^["']|["']$/g, "").trim();
  if (!name || notAPerson.test(name)) return null;
  const comma = name.split(",").map((s) => s.trim());
  if (comma.length === 2 && comma[0] && comma[1]) return { firstName: comma[1], lastName: comma[0] };
  if (comma.length > 1) return null;
  const words = name.split(" ");
  if (words.length < 2 || words.length > 4) return null;
  // German and Dutch name particles stay with the last name: "Anna von Berg".
  const particle = words.findIndex((w, i) => i > 0 && /^(von|van|de|der|den|zu|vom|zur|da|di|le|la)$/i.test(w));
  const cut = particle > 0 ? particle : words.length - 1;
  return { firstName: words.slice(0, cut).join(" "), lastName: words.slice(cut).join(" ") };
}
