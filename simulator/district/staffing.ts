// Who works where: staff 0 is the superintendent, then one principal per school, then each school's
// teachers (about one per 15 students, and enough to teach every section in a distinct period).
import type { Code } from "./descriptors.js";
import type { EdOrgPlan } from "./organizations.js";
import { PERIODS, type Offering, type Schedule } from "./schedule.js";
import { lastAtMost } from "./table.js";

const STUDENTS_PER_TEACHER = 15;

export interface Role {
  classification: Code<"StaffClassification">;
  /** School index, or undefined for district staff. */
  school: number | undefined;
}

export class StaffPlan {
  readonly count: number;
  private readonly teacherStarts: Uint32Array;
  private readonly teacherCounts: number[];

  constructor(
    private readonly edorgs: EdOrgPlan,
    schedule: Schedule,
  ) {
    this.teacherCounts = edorgs.schools.map((school) =>
      Math.max(1, Math.ceil(schedule.maxSections[school.index] / PERIODS), Math.round(schedule.maxEnrollment[school.index] / STUDENTS_PER_TEACHER)),
    );
    this.teacherStarts = new Uint32Array(edorgs.schools.length);
    let next = 1 + edorgs.schools.length;
    this.teacherCounts.forEach((count, school) => {
      this.teacherStarts[school] = next;
      next += count;
    });
    this.count = next;
  }

  principal(school: number): number {
    return 1 + school;
  }

  role(staff: number): Role {
    if (staff === 0) return { classification: "Superintendent", school: undefined };
    if (staff <= this.edorgs.schools.length) return { classification: "Principal", school: staff - 1 };
    return { classification: "Teacher", school: lastAtMost(this.teacherStarts, staff) };
  }

  /**
   * Teacher and class period of a section: the school's sections of a session are dealt round-robin to
   * its teachers, so a teacher's sections fall in distinct periods.
   */
  teaching(offering: Offering, k: number): { teacher: number; period: number } {
    const j = offering.base + k;
    const teachers = this.teacherCounts[offering.school];
    return { teacher: this.teacherStarts[offering.school] + (j % teachers), period: Math.floor(j / teachers) };
  }
}
