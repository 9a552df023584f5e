// Who is enrolled where. Students are numbered by graduating class, so the students enrolled in a
// school year (classes Y … Y+12) are one contiguous range of exactly `students` ids, and a student's
// grade advances by one each year. A student's home schools follow from a fixed neighbourhood value;
// about 3% of student-years transfer to another school of the same level at the semester break.
import { hash32, unit } from "../random.js";
import { GRADES, levelOf, schoolFor, type EdOrgPlan } from "./organizations.js";
import { lastAtMost } from "./table.js";

const HOME = 0x686f6d65;
const TRANSFER = 0x74726e73;
const TRANSFER_RATE = 0.03;

export interface Placement {
  /** Year index into the district's years. */
  t: number;
  student: number;
  grade: number;
  level: number;
  /** School index per session (Fall, Spring); they differ for a transfer. */
  schools: [number, number];
}

export class Roster {
  /** Students enrolled in each year. */
  readonly perYear: number;
  /** Students enrolled in any of the years. */
  readonly total: number;
  /** Student-years (years × perYear): the owners of year-scoped student records, u = t·perYear + p. */
  readonly studentYears: number;
  /** Student-years with a transfer (u values, ascending). */
  readonly transfers: Uint32Array;
  /** Graduation years, ascending, and the first student of each class (plus the total at the end). */
  private readonly classes: number[];
  private readonly classStart: Uint32Array;
  /** The first student enrolled in each year. */
  private readonly firsts: number[];

  constructor(
    private readonly seed: number,
    students: number,
    readonly years: readonly number[],
    private readonly edorgs: EdOrgPlan,
  ) {
    this.perYear = students;
    this.studentYears = years.length * students;
    // A class's size depends only on its graduation year, so any 13 consecutive classes hold `students`.
    const first = years[0];
    const size = (graduation: number) =>
      Math.floor(((graduation - first + 1) * students) / GRADES) - Math.floor(((graduation - first) * students) / GRADES);
    this.classes = [...new Set(years.flatMap((y) => Array.from({ length: GRADES }, (_, g) => y + g)))].sort((a, b) => a - b);
    this.classStart = new Uint32Array(this.classes.length + 1);
    this.classes.forEach((graduation, c) => (this.classStart[c + 1] = this.classStart[c] + size(graduation)));
    this.total = this.classStart[this.classes.length];
    this.firsts = years.map((y) => this.classStart[this.classes.indexOf(y)]);

    const transfers: number[] = [];
    for (let u = 0; u < this.studentYears; u++) {
      const { schools } = this.placement(u);
      if (schools[0] !== schools[1]) transfers.push(u);
    }
    this.transfers = Uint32Array.from(transfers);
  }

  graduationYear(student: number): number {
    // Classes of a tiny district can be empty: the student's class is the last one starting at or before it.
    return this.classes[lastAtMost(this.classStart, student)];
  }

  /** Grade in a school year (0 = Kindergarten; outside 0–12 when not enrolled). */
  grade(student: number, year: number): number {
    return 12 - (this.graduationYear(student) - year);
  }

  /** Year indexes in which a student is enrolled. */
  yearsOf(student: number): number[] {
    const years: number[] = [];
    for (let t = 0; t < this.years.length; t++) if (student >= this.firsts[t] && student < this.firsts[t] + this.perYear) years.push(t);
    return years;
  }

  /** Neighbourhood in [0, 1): fixes the student's school at every level. */
  private home(student: number): number {
    return unit(this.seed, HOME, student);
  }

  /** Year index of a student-year. */
  yearOf(u: number): number {
    return Math.floor(u / this.perYear);
  }

  studentOf(u: number): number {
    return this.firsts[this.yearOf(u)] + (u % this.perYear);
  }

  /** The first student-year of each year has one of every optional event, so that tiny districts fill every table. */
  isExemplar(u: number): boolean {
    return u % this.perYear === 0;
  }

  placement(u: number): Placement {
    const t = this.yearOf(u);
    const student = this.studentOf(u);
    const grade = this.grade(student, this.years[t]);
    const level = levelOf(grade);
    const home = schoolFor(this.edorgs, level, this.home(student));
    const schools = this.edorgs.byLevel[level];
    let spring = home.index;
    if (schools.length > 1 && unit(this.seed, TRANSFER, student, this.years[t]) < TRANSFER_RATE)
      spring = schools[(home.rank + 1 + (hash32(this.seed, TRANSFER, student) % (schools.length - 1))) % schools.length].index;
    return { t, student, grade, level, schools: [home.index, spring] };
  }

  /** The student-year of a student enrolled in year index t. */
  studentYear(student: number, t: number): number {
    return t * this.perYear + student - this.firsts[t];
  }
}
