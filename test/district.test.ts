import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { naturalKey, resourcesFor, type CatalogEntry, type DataStandard } from "../lib/catalog.js";
import { buildDistrict } from "../simulator/district/index.js";
import type { District, EdfiRecord, Table } from "../simulator/district/types.js";

const YEARS = [2024, 2025];
const EDORGS = ["stateEducationAgencies", "educationServiceCenters", "localEducationAgencies", "schools"];

/** The resources a reference (by field name) may point to. */
const TARGETS: Record<string, string[]> = {
  studentReference: ["students"],
  staffReference: ["staffs"],
  schoolReference: ["schools"],
  feederSchoolReference: ["schools"],
  responsibilitySchoolReference: ["schools"],
  localEducationAgencyReference: ["localEducationAgencies"],
  stateEducationAgencyReference: ["stateEducationAgencies"],
  educationServiceCenterReference: ["educationServiceCenters"],
  educationOrganizationReference: EDORGS,
  schoolYearTypeReference: ["schoolYearTypes"],
  calendarReference: ["calendars"],
  sessionReference: ["sessions"],
  gradingPeriodReference: ["gradingPeriods"],
  courseReference: ["courses"],
  courseOfferingReference: ["courseOfferings"],
  classPeriodReference: ["classPeriods"],
  sectionReference: ["sections"],
  parentReference: ["contacts"],
  contactReference: ["contacts"],
  programReference: ["programs"],
  cohortReference: ["cohorts"],
  disciplineIncidentReference: ["disciplineIncidents"],
  studentSectionAssociationReference: ["studentSectionAssociations"],
  studentDisciplineIncidentAssociationReference: ["studentDisciplineIncidentAssociations"],
  studentDisciplineIncidentBehaviorAssociationReference: ["studentDisciplineIncidentBehaviorAssociations"],
  assessmentReference: ["assessments"],
  objectiveAssessmentReference: ["objectiveAssessments"],
};

function valueAt(record: unknown, path: string): unknown {
  let value = record;
  for (const part of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

const keyOf = (record: EdfiRecord, paths: string[]) => JSON.stringify(paths.map((path) => valueAt(record, path)));
const lastSegment = (path: string) => path.split(".").at(-1)!;
/** A reference's identity: its fields and values, in name order. */
const fieldsKey = (fields: Record<string, unknown>) => JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
/** The identity of a record as a reference to it spells it: key fields named by their last path segment. */
const referenceKey = (record: EdfiRecord, paths: string[]) => fieldsKey(Object.fromEntries(paths.map((p) => [lastSegment(p), valueAt(record, p)])));

function records(table: Table): EdfiRecord[] {
  return Array.from({ length: table.count }, (_, i) => table.record(i));
}

/** Every reference object in a record, with its field name, at any depth. */
function referencesIn(value: unknown, found: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, found);
  else if (value && typeof value === "object")
    for (const [field, child] of Object.entries(value)) {
      if (field.endsWith("Reference")) found.push([field, child as Record<string, unknown>]);
      else referencesIn(child, found);
    }
  return found;
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string") found.push(value);
  else if (value && typeof value === "object") for (const child of Object.values(value)) stringsIn(child, found);
  return found;
}

/** Everything needed to resolve references and descriptors of one district. */
class Index {
  readonly entries: CatalogEntry[];
  readonly all = new Map<string, EdfiRecord[]>();
  private readonly referenceKeys = new Map<string, Set<string>>();
  private readonly edorgIds = new Set<unknown>();
  private readonly descriptorUris = new Set<string>();
  private readonly descriptorNamespaces = new Set<string>();

  constructor(
    readonly district: District,
    readonly ds: DataStandard,
  ) {
    this.entries = resourcesFor(ds);
    for (const entry of this.entries) {
      const rows = records(district.get(entry.resource)!);
      this.all.set(entry.resource, rows);
      const paths = naturalKey(entry, ds);
      this.referenceKeys.set(entry.resource, new Set(rows.map((r) => referenceKey(r, paths))));
      if (EDORGS.includes(entry.resource)) for (const r of rows) this.edorgIds.add(valueAt(r, paths[0]));
      if (entry.descriptor) {
        this.descriptorNamespaces.add(`uri://ed-fi.org/${entry.resource[0].toUpperCase()}${entry.resource.slice(1, -1)}`);
        for (const r of rows) this.descriptorUris.add(`${r.namespace}#${r.codeValue}`);
      }
    }
  }

  /** Problems with the references and descriptor URIs of a record (empty when all resolve). */
  problems(record: EdfiRecord): string[] {
    const problems: string[] = [];
    for (const [field, reference] of referencesIn(record)) {
      const targets = TARGETS[field];
      if (!targets) problems.push(`unknown reference ${field}`);
      else if (field === "educationOrganizationReference") {
        if (Object.keys(reference).join() !== "educationOrganizationId" || !this.edorgIds.has(reference.educationOrganizationId))
          problems.push(`${field} ${JSON.stringify(reference)}`);
      } else if (!targets.some((t) => this.referenceKeys.get(t)?.has(fieldsKey(reference)))) problems.push(`${field} ${JSON.stringify(reference)}`);
    }
    for (const text of stringsIn(record)) {
      const match = /^(uri:\/\/ed-fi\.org\/\w+Descriptor)#/.exec(text);
      if (match && this.descriptorNamespaces.has(match[1]) && !this.descriptorUris.has(text)) problems.push(`descriptor ${text}`);
    }
    return problems;
  }

  /** Resources some record references. */
  referenced(): Set<string> {
    const names = new Set<string>();
    for (const rows of this.all.values())
      for (const row of rows) for (const [field] of referencesIn(row)) for (const target of TARGETS[field] ?? []) names.add(target);
    return names;
  }
}

/** Per table: empty tables, null or duplicate natural keys, unresolved references and descriptors (the first few). */
function invalidities(index: Index): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const entry of index.entries) {
    const rows = index.all.get(entry.resource)!;
    const paths = naturalKey(entry, index.ds);
    const problems = rows.length === 0 ? ["no records"] : [];
    const keys = new Set<string>();
    for (const row of rows) {
      const nulls = paths.filter((path) => valueAt(row, path) === undefined || valueAt(row, path) === null);
      if (nulls.length > 0) problems.push(`null key ${nulls.join()}`);
      const key = keyOf(row, paths);
      if (keys.has(key)) problems.push(`duplicate key ${key}`);
      keys.add(key);
      problems.push(...index.problems(row));
      if (problems.length > 5) break;
    }
    if (problems.length > 0) found[entry.resource] = problems;
  }
  return found;
}

describe.each([4, 5] as const)("a district in Data Standard %i", (ds) => {
  let index: Index;
  beforeAll(() => {
    index = new Index(buildDistrict({ seed: 7, students: 300, years: YEARS, dataStandard: ds }), ds);
  });
  const table = (resource: string) => index.district.get(resource)!;
  const rows = (resource: string) => index.all.get(resource)!;

  test("has exactly the catalog's resources of the data standard", () => {
    expect([...index.district.keys()].sort()).toEqual(resourcesFor(ds).map((e) => e.resource).sort());
  });

  test("has records in every table, with non-null, unique natural keys, resolving references and descriptors", () => {
    expect(invalidities(index)).toEqual({});
  });

  test("keeps server-assigned fields and links out of records", () => {
    const offending = [...index.all].filter(([, all]) =>
      all.some((row) => ["id", "_etag", "_lastModifiedDate"].some((f) => f in row) || referencesIn(row).some(([, ref]) => "link" in ref)),
    );
    expect(offending.map(([resource]) => resource)).toEqual([]);
  });

  test("gives every year-scoped record its year, for every year", () => {
    for (const entry of index.entries.filter((e) => e.schoolYear)) {
      const years = new Set(rows(entry.resource).map((row) => valueAt(row, entry.schoolYear!)));
      expect({ resource: entry.resource, years: [...years].sort() }).toEqual({ resource: entry.resource, years: YEARS });
    }
  });

  test("marks as leaf exactly the tables nothing references (descriptors are referenced by URI)", () => {
    const referenced = index.referenced();
    for (const entry of index.entries) {
      const { leaf, insert, changeKey } = table(entry.resource);
      const expected = !entry.descriptor && !referenced.has(entry.resource);
      expect({ resource: entry.resource, leaf }).toEqual({ resource: entry.resource, leaf: expected });
      if (insert || changeKey) expect({ resource: entry.resource, leaf }).toEqual({ resource: entry.resource, leaf: true });
    }
  });

  test("uses the data standard's shapes", () => {
    const course = rows("courses")[0];
    const gradingPeriod = rows("grades")[0].gradingPeriodReference as Record<string, unknown>;
    if (ds === 4) {
      expect(course.academicSubjectDescriptor).toMatch(/^uri:\/\/ed-fi.org\/AcademicSubjectDescriptor#/);
      expect(gradingPeriod.periodSequence).toEqual(expect.any(Number));
      expect(rows("contacts")[0].parentUniqueId).toBeDefined();
      expect(rows("disciplineIncidents")[0].staffReference).toBeDefined();
    } else {
      expect(course.academicSubjects).toEqual([{ academicSubjectDescriptor: expect.stringMatching(/AcademicSubjectDescriptor#/) }]);
      expect(gradingPeriod.gradingPeriodName).toEqual(expect.any(String));
      expect(rows("contacts")[0].contactUniqueId).toBeDefined();
      expect(rows("studentContactAssociations")[0].legalGuardian).toBe(true);
      expect(rows("disciplineIncidents")[0].staffReference).toBeUndefined();
    }
  });

  test("is deterministic", () => {
    const again = buildDistrict({ seed: 7, students: 300, years: YEARS, dataStandard: ds });
    const other = buildDistrict({ seed: 8, students: 300, years: YEARS, dataStandard: ds });
    const json = (d: District, resource: string, ...indexes: number[]) => JSON.stringify(indexes.map((i) => d.get(resource)!.record(i)));
    for (const [resource, t] of index.district) {
      expect(again.get(resource)!.count).toBe(t.count);
      for (const i of [0, Math.floor(t.count / 2), t.count - 1]) expect(json(again, resource, i)).toBe(json(index.district, resource, i));
    }
    // Another seed gives other people, events and grades.
    for (const resource of ["students", "studentSchoolAttendanceEvents", "grades", "contacts"])
      expect(json(other, resource, 0, 1, 2, 3, 4)).not.toBe(json(index.district, resource, 0, 1, 2, 3, 4));
  });

  test("inserts records with new keys and valid references", () => {
    for (const entry of index.entries) {
      const { insert, count } = table(entry.resource);
      if (!insert) continue;
      const paths = naturalKey(entry, ds);
      const keys = new Set(rows(entry.resource).map((row) => keyOf(row, paths)));
      for (const k of new Set([...Array(300).keys(), count, 3 * count + 1])) {
        const record = insert(k);
        const key = keyOf(record, paths);
        expect({ resource: entry.resource, k, duplicate: keys.has(key) }).toEqual({ resource: entry.resource, k, duplicate: false });
        keys.add(key);
        expect({ resource: entry.resource, problems: index.problems(record) }).toEqual({ resource: entry.resource, problems: [] });
      }
    }
    expect(["studentSchoolAttendanceEvents", "studentSectionAttendanceEvents", "studentAssessments"].every((r) => table(r).insert)).toBe(true);
  });

  test("updates non-key fields only, repeatedly", () => {
    for (const entry of index.entries) {
      const { update, count } = table(entry.resource);
      if (!update) continue;
      const paths = naturalKey(entry, ds);
      for (const i of [0, count - 1]) {
        let record = table(entry.resource).record(i);
        for (let revision = 1; revision <= 3; revision++) {
          const updated = update(record, revision);
          expect({ resource: entry.resource, changed: JSON.stringify(updated) !== JSON.stringify(record) }).toEqual({ resource: entry.resource, changed: true });
          expect(keyOf(updated, paths)).toBe(keyOf(record, paths));
          expect(index.problems(updated)).toEqual([]);
          record = updated;
        }
      }
    }
    const updatable = index.entries.filter((e) => table(e.resource).update).length;
    expect(updatable / index.entries.length).toBeGreaterThan(0.8);
  });

  test("changes keys of leaf records to keys no other record has", () => {
    for (const resource of ["studentSchoolAssociations", "grades"]) {
      const entry = index.entries.find((e) => e.resource === resource)!;
      const { changeKey } = table(resource);
      expect(entry.keyChanges && changeKey).toBeTruthy();
      const paths = naturalKey(entry, ds);
      const all = rows(resource);
      const keys = new Set(all.map((row) => keyOf(row, paths)));
      const clashes: string[] = [];
      for (let i = 0; i < all.length; i += 7) {
        let record = all[i];
        const own = keyOf(record, paths);
        for (let revision = 1; revision <= 3; revision++) {
          const next = changeKey!(record, revision);
          const key = keyOf(next, paths);
          // Changing back to the record's own original key is fine: nothing else holds it.
          if (key === keyOf(record, paths) || (key !== own && keys.has(key))) clashes.push(`${i}@${revision} ${key}`);
          clashes.push(...index.problems(next));
          record = next;
        }
      }
      expect({ resource, clashes }).toEqual({ resource, clashes: [] });
    }
  });

  describe("looks like a school district", () => {
    test("chronic absence affects a minority of students", () => {
      const absences = new Map<string, number>();
      for (const event of rows("studentSchoolAttendanceEvents")) {
        if (!String(event.attendanceEventCategoryDescriptor).endsWith("Absence")) continue;
        const key = `${valueAt(event, "studentReference.studentUniqueId")}/${valueAt(event, "sessionReference.schoolYear")}`;
        absences.set(key, (absences.get(key) ?? 0) + 1);
      }
      const studentYears = 300 * YEARS.length;
      const chronic = [...absences.values()].filter((n) => n >= 18).length / studentYears;
      expect(chronic).toBeGreaterThan(0.06);
      expect(chronic).toBeLessThan(0.2);
    });

    test("attendance events fall on instructional days of the student's school and session", () => {
      const instructional = new Set(
        rows("calendarDates")
          .filter((d) => /#(Instructional day|Make-up day)$/.test(String(valueAt(d, "calendarEvents.0.calendarEventDescriptor"))))
          .map((d) => `${valueAt(d, "calendarReference.schoolId")}/${d.date}`),
      );
      const sessions = new Map(rows("sessions").map((s) => [`${valueAt(s, "schoolReference.schoolId")}/${s.sessionName}`, s]));
      const misplaced = rows("studentSchoolAttendanceEvents").filter((event) => {
        const schoolId = valueAt(event, "schoolReference.schoolId");
        const session = sessions.get(`${schoolId}/${valueAt(event, "sessionReference.sessionName")}`);
        const date = String(event.eventDate);
        return !instructional.has(`${schoolId}/${date}`) || !session || date < String(session.beginDate) || date > String(session.endDate);
      });
      expect(misplaced).toEqual([]);
    });

    test("students take six sections per session at the school they are enrolled in, about 25 per section", () => {
      const enrolled = new Set(
        rows("studentSchoolAssociations").map((a) => `${valueAt(a, "studentReference.studentUniqueId")}/${valueAt(a, "schoolReference.schoolId")}/${valueAt(a, "schoolYearTypeReference.schoolYear")}`),
      );
      const perSection = new Map<string, number>();
      const perStudentSession = new Map<string, number>();
      const elsewhere = rows("studentSectionAssociations").filter((a) => {
        const section = a.sectionReference as Record<string, unknown>;
        return !enrolled.has(`${valueAt(a, "studentReference.studentUniqueId")}/${section.schoolId}/${section.schoolYear}`);
      });
      expect(elsewhere).toEqual([]);
      for (const a of rows("studentSectionAssociations")) {
        const student = valueAt(a, "studentReference.studentUniqueId");
        const section = a.sectionReference as Record<string, unknown>;
        perSection.set(JSON.stringify(section), (perSection.get(JSON.stringify(section)) ?? 0) + 1);
        const session = `${student}/${section.schoolYear}/${section.sessionName}`;
        perStudentSession.set(session, (perStudentSession.get(session) ?? 0) + 1);
      }
      expect(new Set(perStudentSession.values())).toEqual(new Set([6]));
      const sizes = [...perSection.values()];
      const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
      expect(mean).toBeGreaterThan(10);
      expect(mean).toBeLessThan(30);
    });

    test("transfers leave mid-year and enter another school of the same level", () => {
      const transfers = rows("studentSchoolAssociations").filter((a) => String(a.exitWithdrawTypeDescriptor).endsWith("Transferred to another school in the district"));
      expect(transfers.length).toBeGreaterThan(0);
      const schoolsById = new Map(rows("schools").map((s) => [s.schoolId, JSON.stringify(s.gradeLevels)]));
      for (const exit of transfers) {
        const student = valueAt(exit, "studentReference.studentUniqueId");
        const entry = rows("studentSchoolAssociations").find(
          (a) => valueAt(a, "studentReference.studentUniqueId") === student && String(a.entryDate) > String(exit.exitWithdrawDate) && String(a.entryDate) < `${valueAt(exit, "schoolYearTypeReference.schoolYear")}-07-01`,
        )!;
        expect(valueAt(entry, "schoolReference.schoolId")).not.toBe(valueAt(exit, "schoolReference.schoolId"));
        expect(schoolsById.get(valueAt(entry, "schoolReference.schoolId"))).toBe(schoolsById.get(valueAt(exit, "schoolReference.schoolId")));
      }
    });

    test("grades agree with their scores and some students fail", () => {
      const letter = (score: number) => (score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F");
      const grades = rows("grades");
      expect(grades.filter((g) => g.letterGradeEarned !== letter(Number(g.numericGradeEarned)))).toEqual([]);
      const failing = grades.filter((g) => g.letterGradeEarned === "F").length / grades.length;
      expect(failing).toBeGreaterThan(0.01);
      expect(failing).toBeLessThan(0.2);
      expect(new Set(rows("grades").map((g) => String(g.gradeTypeDescriptor).split("#")[1]))).toEqual(new Set(["Grading Period", "Semester"]));
    });

    test("students keep their ids across years as their grade advances", () => {
      const grades = new Map<unknown, string[]>();
      const order = [
        "Kindergarten", "First grade", "Second grade", "Third grade", "Fourth grade", "Fifth grade", "Sixth grade",
        "Seventh grade", "Eighth grade", "Ninth grade", "Tenth grade", "Eleventh grade", "Twelfth grade",
      ];
      for (const a of rows("studentSchoolAssociations")) {
        if (String(a.entryDate) > `${valueAt(a, "schoolYearTypeReference.schoolYear")}-01-01`) continue; // a transfer's second enrollment
        const student = valueAt(a, "studentReference.studentUniqueId");
        grades.set(student, [...(grades.get(student) ?? []), String(a.entryGradeLevelDescriptor).split("#")[1]]);
      }
      const both = [...grades.values()].filter((g) => g.length === 2);
      expect(both.length).toBeGreaterThan(250);
      for (const [first, second] of both) expect(order.indexOf(second)).toBe(order.indexOf(first) + 1);
    });

    test("includes the descriptor values the AMT maps by default", () => {
      const codes = (resource: string) => rows(resource).map((d) => d.codeValue);
      expect(codes("attendanceEventCategoryDescriptors")).toEqual(expect.arrayContaining(["In Attendance", "Excused Absence", "Unexcused Absence", "Tardy"]));
      expect(codes("calendarEventDescriptors")).toEqual(expect.arrayContaining(["Instructional day", "Make-up day"]));
      expect(codes("gradeTypeDescriptors")).toEqual(expect.arrayContaining(["Grading Period", "Semester", "Final"]));
      expect(codes("behaviorDescriptors")).toEqual(expect.arrayContaining(["State Offense", "School Code of Conduct"]));
      expect(codes("staffClassificationDescriptors")).toEqual(expect.arrayContaining(["Superintendent", "Principal", "Teacher"]));
      expect(codes("addressTypeDescriptors")).toEqual(expect.arrayContaining(["Physical", "Home", "Mailing", "Work", "Temporary"]));
      expect(codes("telephoneNumberTypeDescriptors")).toEqual(expect.arrayContaining(["Home", "Mobile", "Work"]));
      expect(codes("electronicMailTypeDescriptors")).toEqual(expect.arrayContaining(["Home/Personal", "Work"]));
      for (const d of rows("sexDescriptors")) expect(d).toEqual({ codeValue: d.codeValue, description: expect.any(String), namespace: "uri://ed-fi.org/SexDescriptor", shortDescription: expect.any(String) });
    });
  });
});

test.each([4, 5] as const)("a tiny district (20 students, one year, DS%i) is complete and consistent", (ds) => {
  expect(invalidities(new Index(buildDistrict({ seed: 3, students: 20, years: [2026], dataStandard: ds }), ds))).toEqual({});
});

test("a large district (100,000 students, two years) starts quickly and serves records from every table", () => {
  // In a child process: Jest's VM context makes global lookups (Math.imul, …) two orders of magnitude slower.
  const script = `
    import { buildDistrict } from ${JSON.stringify(fileURLToPath(new URL("../simulator/district/index.ts", import.meta.url)))};
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const district = buildDistrict({ seed: 1, students: 100000, years: [2024, 2025], dataStandard: 5 });
    const buildMs = performance.now() - started;
    const buildRssMb = (process.memoryUsage().rss - rss) / 1e6;
    let read = 0;
    for (const table of district.values()) {
      const n = Math.min(table.count, 3000);
      for (let j = 0; j < n; j++, read++) table.record(Math.floor((j * table.count) / n));
    }
    const events = district.get("studentSchoolAttendanceEvents");
    const loop = performance.now();
    for (let i = 0; i < 200000; i++) events.record(i);
    const eventsPerSecond = Math.round(200000 / ((performance.now() - loop) / 1000));
    const counts = Object.fromEntries([...district].map(([name, table]) => [name, table.count]));
    console.log(JSON.stringify({ buildMs, buildRssMb, read, eventsPerSecond, counts }));
  `;
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  const { buildMs, buildRssMb, read, eventsPerSecond, counts } = JSON.parse(output);
  console.log(`100k students × 2 years: build ${Math.round(buildMs)} ms (+${Math.round(buildRssMb)} MB RSS), ${read} records sampled, ${eventsPerSecond} attendance events/s`);
  expect(read).toBeGreaterThan(50_000);
  expect(counts.studentSectionAssociations).toBe(100_000 * 2 * 12);
  expect(counts.studentSchoolAttendanceEvents).toBeGreaterThan(1_000_000);
});
