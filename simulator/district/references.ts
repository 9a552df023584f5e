// Identifiers and reference objects, defined once: a record's key fields and every reference to it
// come from the same functions, so references resolve by construction. References hold the target's
// natural key only (no `link`).
import { uri } from "./descriptors.js";
import type { Model } from "./model.js";
import type { Placement } from "./roster.js";
import { COURSES, sectionIdentifier, type Offering } from "./schedule.js";

export const studentUniqueId = (student: number) => String(100001 + student);
export const staffUniqueId = (staff: number) => String(20001 + staff);
export const contactUniqueId = (contact: number) => String(500001 + contact);
export const calendarCode = (m: Model, t: number, school: number) => `${m.edorgs.schools[school].id}-${m.years[t].year}`;
export const classPeriodName = (period: number) => `Period ${period + 1}`;
export const periodOf = (classPeriodName: string) => Number(classPeriodName.replace("Period ", "")) - 1;

export const studentRef = (student: number) => ({ studentUniqueId: studentUniqueId(student) });
export const staffRef = (staff: number) => ({ staffUniqueId: staffUniqueId(staff) });
export const schoolRef = (m: Model, school: number) => ({ schoolId: m.edorgs.schools[school].id });
export const edorgRef = (educationOrganizationId: number) => ({ educationOrganizationId });
export const leaRef = (m: Model) => edorgRef(m.edorgs.lea.id);
export const schoolYearRef = (m: Model, t: number) => ({ schoolYear: m.years[t].year });

export const calendarRef = (m: Model, t: number, school: number) => ({
  calendarCode: calendarCode(m, t, school),
  schoolId: m.edorgs.schools[school].id,
  schoolYear: m.years[t].year,
});

export const sessionRef = (m: Model, t: number, school: number, session: number) => ({
  schoolId: m.edorgs.schools[school].id,
  schoolYear: m.years[t].year,
  sessionName: m.years[t].sessions[session].name,
});

/** DS4 identifies a grading period by periodSequence, DS5 by gradingPeriodName. */
export function gradingPeriodRef(m: Model, t: number, school: number, period: number) {
  const plan = m.years[t].gradingPeriods[period];
  const descriptor = uri("GradingPeriod", plan.descriptor);
  const common = { gradingPeriodDescriptor: descriptor, schoolId: m.edorgs.schools[school].id, schoolYear: m.years[t].year };
  return m.ds === 4 ? { ...common, periodSequence: plan.sequence } : { ...common, gradingPeriodName: plan.descriptor };
}

export const courseRef = (m: Model, course: number) => ({
  courseCode: COURSES[course].code,
  educationOrganizationId: m.edorgs.lea.id,
});

export const classPeriodRef = (m: Model, school: number, period: number) => ({
  classPeriodName: classPeriodName(period),
  schoolId: m.edorgs.schools[school].id,
});

export const courseOfferingRef = (m: Model, offering: Offering) => ({
  localCourseCode: COURSES[offering.course].code,
  schoolId: m.edorgs.schools[offering.school].id,
  schoolYear: m.years[offering.t].year,
  sessionName: m.years[offering.t].sessions[offering.session].name,
});

export function sectionRef(m: Model, section: number) {
  const { offering, k } = m.schedule.section(section);
  // Extended in place, not spread into a copy: one is made for every section association served.
  const ref: ReturnType<typeof courseOfferingRef> & { sectionIdentifier?: string } = courseOfferingRef(m, offering);
  ref.sectionIdentifier = sectionIdentifier(offering, k);
  return ref as Required<typeof ref>;
}

/** The student section association of a student's slot (0–5) in a session of a student-year. */
export function studentSectionAssociationRef(m: Model, placement: Placement, session: number, slot: number) {
  const { days, sessions } = m.years[placement.t];
  return {
    beginDate: days[sessions[session].first],
    ...sectionRef(m, m.schedule.sectionOf(placement, session, slot)),
    studentUniqueId: studentUniqueId(placement.student),
  };
}
