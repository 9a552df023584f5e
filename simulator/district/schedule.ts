// The master schedule: the district course catalog, each school's course offerings per session and
// sections sized for about 25 students. A student takes six courses a session (English, math, science,
// social studies, PE and an elective), each in a section chosen by hash among the offering's sections.
// Section counts come from one counting pass over the student-years at start-up.
import { below } from "../random.js";
import type { Code } from "./descriptors.js";
import { GRADES, LEVELS, levelOf, type EdOrgPlan } from "./organizations.js";
import type { Placement, Roster } from "./roster.js";
import { lastAtMost, pad } from "./table.js";

export interface Course {
  code: string;
  title: string;
  subject: Code<"AcademicSubject">;
  grades: number[];
  environment: Code<"EducationalEnvironment">;
}

const gradeName = (grade: number) => (grade === 0 ? "Kindergarten" : `Grade ${grade}`);

const perGrade = (code: string, title: string, subject: Code<"AcademicSubject">): Course[] =>
  Array.from({ length: GRADES }, (_, grade) => ({
    code: `${code}-${pad(grade)}`,
    title: `${title}, ${gradeName(grade)}`,
    subject,
    grades: [grade],
    environment: "Classroom",
  }));

const perLevel = (code: string, title: string, subject: Code<"AcademicSubject">, environment: Code<"EducationalEnvironment">): Course[] =>
  LEVELS.map((level) => ({ code: `${code}-${level.name[0]}`, title: `${level.name} ${title}`, subject, grades: level.grades, environment }));

const elective = (code: string, title: string, subject: Code<"AcademicSubject">, fromGrade: number, environment: Code<"EducationalEnvironment"> = "Classroom"): Course => ({
  code,
  title,
  subject,
  grades: Array.from({ length: GRADES - fromGrade }, (_, g) => fromGrade + g),
  environment,
});

export const COURSES: Course[] = [
  ...perGrade("ELA", "English Language Arts", "English Language Arts"),
  ...perGrade("MATH", "Mathematics", "Mathematics"),
  ...perLevel("SCI", "Science", "Science", "Laboratory"),
  ...perLevel("SOC", "Social Studies", "Social Studies", "Classroom"),
  ...perLevel("PE", "Physical Education", "Physical, Health, and Safety Education", "Classroom"),
  elective("ART", "Visual Arts", "Fine and Performing Arts", 0),
  elective("MUS", "Music", "Fine and Performing Arts", 0),
  elective("SPAN", "Spanish", "Foreign Language and Literature", 6),
  elective("CSCI", "Computer Science", "Computer and Information Sciences", 9, "Virtual"),
];

const teaches = (course: Course, grade: number) => course.grades.includes(grade);
const courseIndex = (code: string) => COURSES.findIndex((course) => course.code === code);
/** Per grade: the core course indexes (ELA, math, science, social studies, PE) and the electives open to it. */
const CORE = Array.from({ length: GRADES }, (_, grade) => {
  const level = LEVELS[levelOf(grade)].name[0];
  return [`ELA-${pad(grade)}`, `MATH-${pad(grade)}`, `SCI-${level}`, `SOC-${level}`, `PE-${level}`].map(courseIndex);
});
const ELECTIVES = Array.from({ length: GRADES }, (_, grade) =>
  ["ART", "MUS", "SPAN", "CSCI"].map(courseIndex).filter((c) => teaches(COURSES[c], grade)),
);
/** Courses a school of each level offers. */
const OFFERED = LEVELS.map((level) => COURSES.map((_, c) => c).filter((c) => level.grades.some((g) => teaches(COURSES[c], g))));

export const SLOTS = 6;
/** Class periods in a school day. */
export const PERIODS = 8;
const SECTION_SIZE = 25;
const ELECTIVE = 0x656c6563;
const SECTION = 0x73656374;

export interface Offering {
  t: number;
  school: number;
  session: number;
  course: number;
  /** Global index of its first section. */
  firstSection: number;
  sections: number;
  /** Index of its first section among the school's sections of that session. */
  base: number;
}

export class Schedule {
  readonly offerings: Offering[] = [];
  readonly sectionCount: number;
  /** Per school: the most sections in one session and the most students in one year. */
  readonly maxSections: number[];
  readonly maxEnrollment: number[];
  private readonly firstSections: Uint32Array;
  /** Offering index by (year, school, session, course), -1 where the school does not offer it. */
  private readonly lookup: Int32Array;

  constructor(
    private readonly seed: number,
    private readonly roster: Roster,
    private readonly edorgs: EdOrgPlan,
  ) {
    const schools = edorgs.schools.length;
    const students = new Uint32Array(roster.years.length * schools * 2 * COURSES.length);
    this.maxEnrollment = new Array<number>(schools).fill(0);
    const enrollment = new Uint32Array(roster.years.length * schools);
    for (let u = 0; u < roster.studentYears; u++) {
      const placement = this.roster.placement(u);
      enrollment[placement.t * schools + placement.schools[0]]++;
      for (let session = 0; session < 2; session++)
        for (let s = 0; s < SLOTS; s++) students[this.slot(placement.t, placement.schools[session], session, this.courseOf(placement, session, s))]++;
    }

    this.lookup = new Int32Array(students.length).fill(-1);
    this.maxSections = new Array<number>(schools).fill(0);
    let sectionCount = 0;
    for (let t = 0; t < roster.years.length; t++)
      for (const school of edorgs.schools) {
        this.maxEnrollment[school.index] = Math.max(this.maxEnrollment[school.index], enrollment[t * schools + school.index]);
        for (let session = 0; session < 2; session++) {
          let base = 0;
          for (const course of OFFERED[school.level]) {
            const sections = Math.max(1, Math.ceil(students[this.slot(t, school.index, session, course)] / SECTION_SIZE));
            this.lookup[this.slot(t, school.index, session, course)] = this.offerings.length;
            this.offerings.push({ t, school: school.index, session, course, firstSection: sectionCount, sections, base });
            base += sections;
            sectionCount += sections;
          }
          this.maxSections[school.index] = Math.max(this.maxSections[school.index], base);
        }
      }
    this.sectionCount = sectionCount;
    this.firstSections = Uint32Array.from(this.offerings, (o) => o.firstSection);
  }

  private slot(t: number, school: number, session: number, course: number): number {
    return ((t * this.edorgs.schools.length + school) * 2 + session) * COURSES.length + course;
  }

  /** The course a student takes in a slot (0–5) of a session. */
  courseOf(placement: Placement, session: number, slot: number): number {
    if (slot < SLOTS - 1) return CORE[placement.grade][slot];
    const electives = ELECTIVES[placement.grade];
    return electives[below(electives.length, this.seed, ELECTIVE, placement.student, this.roster.years[placement.t], session)];
  }

  /** The global section index a student attends in a slot of a session. */
  sectionOf(placement: Placement, session: number, slot: number): number {
    const course = this.courseOf(placement, session, slot);
    const offering = this.offerings[this.lookup[this.slot(placement.t, placement.schools[session], session, course)]];
    const year = this.roster.years[placement.t];
    return offering.firstSection + below(offering.sections, this.seed, SECTION, placement.student, year, session, slot);
  }

  /** The offering of a section and the section's position k within it. */
  section(g: number): { offering: Offering; k: number } {
    const offering = this.offerings[lastAtMost(this.firstSections, g)];
    return { offering, k: g - offering.firstSection };
  }
}

/** e.g. MATH-03-F02: course, session (Fall/Spring) and number within the offering. */
export const sectionIdentifier = (offering: Offering, k: number) => `${COURSES[offering.course].code}-${"FS"[offering.session]}${pad(k + 1)}`;
