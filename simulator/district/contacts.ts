// Parents and guardians: one or two per student (DS4 `parents`, DS5 `contacts`; the table is keyed
// "contacts" in both), living at the student's home address, with phones and e-mail addresses.
import { below, unit } from "../random.js";
import { uri, type Code } from "./descriptors.js";
import type { Model } from "./model.js";
import { address, email, Kind, personName, renamed, telephone } from "./people.js";
import { contactUniqueId, studentRef } from "./references.js";
import { Groups } from "./table.js";
import type { EdfiRecord, Table } from "./types.js";

const SECOND_CONTACT = 0.7;
const MAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com"];
const PHONE_TYPES: Code<"TelephoneNumberType">[] = ["Mobile", "Home", "Work"];

export function contactTables(m: Model): Record<string, Table> {
  const { seed, roster } = m;
  const contacts = new Groups(roster.total, (student) => (unit(seed, Kind.Contact, student) < SECOND_CONTACT ? 2 : 1));
  const idField = m.ds === 4 ? "parentUniqueId" : "contactUniqueId";
  const contactRef = (c: number) => ({ [idField]: contactUniqueId(c) });

  /** The k-th contact of a student: mother first, then father; some are grandmothers or guardians. */
  const relation = (c: number, k: number): { relation: Code<"Relation">; sex: "Female" | "Male" } => {
    const u = unit(seed, Kind.Contact, c, 1);
    if (k === 1) return { relation: "Father", sex: "Male" };
    return u < 0.9 ? { relation: "Mother", sex: "Female" } : u < 0.95 ? { relation: "Grandmother", sex: "Female" } : { relation: "Guardian", sex: "Male" };
  };

  /** Association of contact c, the k-th contact of a student. */
  const association = (c: number, student: number, k: number): EdfiRecord => ({
      [m.ds === 4 ? "parentReference" : "contactReference"]: contactRef(c),
      studentReference: studentRef(student),
      relationDescriptor: uri("Relation", relation(c, k).relation),
      primaryContactStatus: k === 0,
      livesWith: k === 0 || unit(seed, Kind.Contact, c, 2) < 0.8,
      emergencyContactStatus: true,
      contactPriority: k + 1,
      ...(m.ds === 5 && { legalGuardian: true }),
  });

  return {
    contacts: {
      count: contacts.total,
      leaf: false,
      record: (c) => {
        const student = contacts.owner(c);
        const k = c - contacts.start(student);
        const { sex } = relation(c, k);
        const surname = unit(seed, Kind.Contact, c, 3) < 0.8 ? personName(seed, Kind.Student, student).lastSurname : undefined;
        const name = personName(seed, Kind.Contact, c, sex, surname);
        const addressTypes: Code<"AddressType">[] = ["Home", ...(unit(seed, Kind.Contact, c, 4) < 0.2 ? (["Mailing"] as const) : [])];
        // The home address is the student's.
        const addresses = addressTypes.map((type) => (type === "Home" ? address(seed, Kind.Student, student, "Home") : address(seed, Kind.Contact, c, type)));
        if (unit(seed, Kind.Contact, c, 5) < 0.05) {
          const temporary = address(seed, Kind.Contact, c, "Temporary");
          temporary.periods.push({ beginDate: m.years[0].days[0], endDate: m.years[0].days[60] });
          addresses.push(temporary);
        }
        const phones = PHONE_TYPES.slice(0, 1 + below(PHONE_TYPES.length, seed, Kind.Contact, c, 6));
        const mails: [Code<"ElectronicMailType">, string][] = [["Home/Personal", MAIL_DOMAINS[below(MAIL_DOMAINS.length, seed, Kind.Contact, c, 7)]]];
        if (unit(seed, Kind.Contact, c, 8) < 0.3) mails.push(["Work", "work.example.com"]);
        return {
          ...contactRef(c),
          firstName: name.firstName,
          lastSurname: name.lastSurname,
          sexDescriptor: uri("Sex", sex),
          addresses,
          telephones: phones.map((type, n) => ({
            telephoneNumber: telephone(seed, Kind.Contact, c, n),
            telephoneNumberTypeDescriptor: uri("TelephoneNumberType", type),
            orderOfPriority: n + 1,
          })),
          electronicMails: mails.map(([type, domain], n) => ({
            electronicMailAddress: email(name, c, domain),
            electronicMailTypeDescriptor: uri("ElectronicMailType", type),
            primaryEmailAddressIndicator: n === 0,
          })),
        };
      },
      update: renamed,
    },
    studentContactAssociations: {
      count: contacts.total,
      leaf: true,
      record: (c) => {
        const student = contacts.owner(c);
        return association(c, student, c - contacts.start(student));
      },
      // A relative as third contact: the first contact of another student (distinct while k < students²).
      insert: (k) => {
        const student = k % roster.total;
        const other = (student + 1 + Math.floor(k / roster.total)) % roster.total;
        return { ...association(contacts.start(other), student, 2), relationDescriptor: uri("Relation", "Guardian") };
      },
      update: (record, revision) => ({ ...record, contactPriority: 2 + (revision % 3), livesWith: !record.livesWith }),
    },
  };
}
