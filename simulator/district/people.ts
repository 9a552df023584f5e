// Names, birth dates, races and addresses of people, each a pure function of (seed, kind, number).
import { below, hash32, pick, stringHash, unit } from "../random.js";
import { addDays } from "./schoolYear.js";
import { uri, type Code } from "./descriptors.js";
import type { EdfiRecord } from "./types.js";

const FEMALE = [
  "Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Ella",
  "Elizabeth", "Camila", "Luna", "Sofia", "Avery", "Mila", "Aria", "Scarlett", "Penelope", "Layla", "Chloe", "Victoria",
  "Madison", "Eleanor", "Grace", "Nora", "Riley", "Zoey", "Hannah", "Lily", "Ximena", "Valentina", "Maria", "Aaliyah",
  "Mei", "Linh", "Fatima", "Jasmine",
];
const MALE = [
  "Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin", "Lucas", "Henry", "Theodore", "Jack", "Levi",
  "Alexander", "Jackson", "Mateo", "Daniel", "Michael", "Mason", "Sebastian", "Ethan", "Logan", "Owen", "Samuel",
  "Jacob", "Asher", "Aiden", "John", "Joseph", "Wyatt", "David", "Leo", "Luke", "Julian", "Hudson", "Diego", "Santiago",
  "Minh", "Omar", "Wei", "Jamal",
];
const SURNAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
  "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
  "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
  "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
  "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker",
  "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez",
  "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward",
  "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
  "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Tran", "Chen",
];
const STREETS = [
  "Oak", "Maple", "Cedar", "Elm", "Pecan", "Mesquite", "Live Oak", "Bluebonnet", "Sycamore", "Willow", "Hickory",
  "Magnolia", "Cypress", "Juniper", "Walnut", "Laurel", "Lamar", "Congress", "Guadalupe", "Lavaca",
];
const STREET_TYPES = ["St", "Ave", "Dr", "Ln", "Blvd", "Ct", "Way"];
const CITIES: [string, string][] = [
  ["Riverbend", "78701"],
  ["Riverbend", "78702"],
  ["Riverbend", "78704"],
  ["Cedar Crossing", "78613"],
  ["Pflugerville", "78660"],
  ["Manor", "78653"],
];
const COUNTY = "Travis";

/** What an identity belongs to; keeps the hash streams of students, staff, contacts and schools apart. */
export const Kind = { Student: 1, Staff: 2, Contact: 3, School: 4 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface Name {
  sex: "Female" | "Male";
  firstName: string;
  middleName: string;
  lastSurname: string;
}

/** A person's name; a parent's sex and surname can be given (the relation's sex, the family name). */
export function personName(
  seed: number,
  kind: Kind,
  n: number,
  sex: "Female" | "Male" = unit(seed, kind, n, 1) < 0.5 ? "Female" : "Male",
  lastSurname = pick(SURNAMES, seed, kind, n, 2),
): Name {
  const given = sex === "Female" ? FEMALE : MALE;
  return { sex, firstName: pick(given, seed, kind, n, 3), middleName: pick(given, seed, kind, n, 4), lastSurname };
}

/** An update for person records: a new last name (never the current one), e.g. after a marriage. */
export function renamed(record: EdfiRecord, revision: number): EdfiRecord {
  const current = SURNAMES.indexOf(String(record.lastSurname));
  return { ...record, lastSurname: SURNAMES[(current + 1 + (revision % (SURNAMES.length - 1))) % SURNAMES.length] };
}

/** A birth date in the 365 days from `from`. */
export const birthDate = (seed: number, kind: Kind, n: number, from: string) => addDays(from, below(365, seed, kind, n, 5));

/** Race mix of the district (cumulative shares). */
const RACES: [Code<"Race">, number][] = [
  ["White", 0.72],
  ["Black - African American", 0.87],
  ["Asian", 0.95],
  ["American Indian or Alaska Native", 0.99],
  ["Native Hawaiian - Pacific Islander", 1],
];

export function race(seed: number, kind: Kind, n: number): Code<"Race"> {
  const u = unit(seed, kind, n, 6);
  return RACES.find(([, share]) => u < share)![0];
}

export const hispanic = (seed: number, kind: Kind, n: number) => unit(seed, kind, n, 7) < 0.4;

export function address(seed: number, kind: Kind, n: number, type: Code<"AddressType">) {
  const salt = stringHash(type);
  const [city, postalCode] = pick(CITIES, seed, kind, n, 8, salt);
  return {
    addressTypeDescriptor: uri("AddressType", type),
    streetNumberName: `${100 + (hash32(seed, kind, n, 9, salt) % 9800)} ${pick(STREETS, seed, kind, n, 10, salt)} ${pick(STREET_TYPES, seed, kind, n, 11, salt)}`,
    city,
    stateAbbreviationDescriptor: uri("StateAbbreviation", "TX"),
    postalCode,
    nameOfCounty: COUNTY,
    periods: [] as { beginDate: string; endDate?: string }[],
  };
}

/** A 10-digit phone number in the district's area code. */
export const telephone = (seed: number, kind: Kind, n: number, salt: number) =>
  `(512) 555-${String(hash32(seed, kind, n, 12, salt) % 10000).padStart(4, "0")}`;

/** An e-mail address from a name. */
export const email = (name: Name, n: number, domain: string) => `${name.firstName}.${name.lastSurname}${n}@${domain}`.toLowerCase();
