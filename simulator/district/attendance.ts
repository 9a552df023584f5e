// Attendance: absences and tardies per student-year, recorded for the school and for each section of
// the day. Most students miss a few days; about 12% are chronically absent (≥ 10% of days). A student's
// k-th event falls on attendance day (offset + k·step) mod days with a step coprime to the number of
// days, so a student's events are on distinct days without any stored list. A tardy student is also
// reported in attendance, for the school and for the first slot's (homeroom) section.
import { below, pick, unit } from "../random.js";
import { uri } from "./descriptors.js";
import type { Model } from "./model.js";
import { schoolRef, sectionRef, sessionRef, studentRef } from "./references.js";
import type { Placement } from "./roster.js";
import { SLOTS } from "./schedule.js";
import { sessionOfDay } from "./schoolYear.js";
import { Groups } from "./table.js";
import type { EdfiRecord, Table } from "./types.js";

const ABSENCE = 0x61627365;
const TARDY = 0x74617264;
const DAYS = 0x64617973;
const CHRONIC_SHARE = 0.12;

const EXCUSED = uri("AttendanceEventCategory", "Excused Absence");
const UNEXCUSED = uri("AttendanceEventCategory", "Unexcused Absence");
const LATE = uri("AttendanceEventCategory", "Tardy");
const PRESENT = uri("AttendanceEventCategory", "In Attendance");
const CLASSROOM = uri("EducationalEnvironment", "Classroom");

/** Absences and tardies of a student-year; about 12% of student-years are chronically absent. */
function counts(m: Model, u: number): [absences: number, tardies: number] {
  const t = m.roster.yearOf(u);
  const student = m.roster.studentOf(u);
  const year = m.years[t].year;
  const chronic = m.roster.isExemplar(u) || unit(m.seed, ABSENCE, student, year) < CHRONIC_SHARE;
  const r = unit(m.seed, ABSENCE, student, year, 1);
  const rate = chronic ? 0.1 + 0.15 * r : 0.08 * r * r;
  const tardies = Math.floor(8 * unit(m.seed, TARDY, student, year) ** 3);
  return [Math.round(rate * m.years[t].days.length), tardies];
}

interface Event {
  placement: Placement;
  /** Attendance day index in the year. */
  day: number;
  session: number;
  category: string;
}

/** The k-th event of a student-year (k ≥ absences + tardies gives days no base event uses). */
function event(m: Model, u: number, k: number, absences: number): Event {
  const placement = m.roster.placement(u);
  const plan = m.years[placement.t];
  const year = plan.year;
  const step = pick(plan.steps, m.seed, DAYS, placement.student, year);
  const day = (below(plan.days.length, m.seed, DAYS, placement.student, year, 1) + k * step) % plan.days.length;
  const category = k >= absences ? LATE : unit(m.seed, ABSENCE, placement.student, year, k + 2) < 0.6 ? EXCUSED : UNEXCUSED;
  return { placement, day, session: sessionOfDay(plan, day), category };
}

export function attendanceTables(m: Model): Record<string, Table> {
  const { roster } = m;
  const absences = new Uint8Array(roster.studentYears);
  const tardies = new Uint8Array(roster.studentYears);
  for (let u = 0; u < roster.studentYears; u++) [absences[u], tardies[u]] = counts(m, u);
  // Per student-year: its absences and tardies, then an in-attendance event per tardy.
  const school = new Groups(roster.studentYears, (u) => absences[u] + 2 * tardies[u]);
  // A section event per section of an absence day; a tardy and its in-attendance only in the first slot's section.
  const section = new Groups(roster.studentYears, (u) => SLOTS * absences[u] + 2 * tardies[u]);
  /** The k-th event of student-year u, k < absences + 2·tardies: the in-attendance events repeat the tardies' days. */
  const nthEvent = (u: number, k: number): Event => {
    const tardy = k - absences[u] - tardies[u];
    return tardy < 0 ? event(m, u, k, absences[u]) : { ...event(m, u, absences[u] + tardy, absences[u]), category: PRESENT };
  };

  const schoolEvent = ({ placement, day, session, category }: Event): EdfiRecord => {
    const at = placement.schools[session];
    return {
      attendanceEventCategoryDescriptor: category,
      eventDate: m.years[placement.t].days[day],
      schoolReference: schoolRef(m, at),
      sessionReference: sessionRef(m, placement.t, at, session),
      studentReference: studentRef(placement.student),
      educationalEnvironmentDescriptor: CLASSROOM,
      eventDuration: category === LATE ? 0.1 : 1,
    };
  };
  const sectionEvent = ({ placement, day, session, category }: Event, slot: number): EdfiRecord => ({
    attendanceEventCategoryDescriptor: category,
    eventDate: m.years[placement.t].days[day],
    sectionReference: sectionRef(m, m.schedule.sectionOf(placement, session, slot)),
    studentReference: studentRef(placement.student),
    educationalEnvironmentDescriptor: CLASSROOM,
    eventDuration: category === LATE ? 0.1 : 1,
  });

  /**
   * Insert k: a late-reported absence of student-year k mod studentYears on a day without events of
   * that student (event number absences + tardies + ⌊k / studentYears⌋; distinct while below the days of the year).
   */
  const lateReport = (k: number) => {
    const u = k % roster.studentYears;
    return event(m, u, absences[u] + tardies[u] + Math.floor(k / roster.studentYears), Infinity);
  };
  /** A correction: a partial-day event. */
  const update = (record: EdfiRecord, revision: number): EdfiRecord => ({ ...record, eventDuration: [0.25, 0.5, 0.75][revision % 3] });

  return {
    studentSchoolAttendanceEvents: {
      count: school.total,
      leaf: true,
      record: (i) => {
        const u = school.owner(i);
        return schoolEvent(nthEvent(u, i - school.start(u)));
      },
      insert: (k) => schoolEvent(lateReport(k)),
      update,
    },
    studentSectionAttendanceEvents: {
      count: section.total,
      leaf: true,
      record: (i) => {
        const u = section.owner(i);
        const j = i - section.start(u);
        const a = absences[u];
        return j < SLOTS * a ? sectionEvent(event(m, u, Math.floor(j / SLOTS), a), j % SLOTS) : sectionEvent(nthEvent(u, j - SLOTS * a + a), 0);
      },
      insert: (k) => sectionEvent(lateReport(Math.floor(k / SLOTS)), k % SLOTS),
      update,
    },
  };
}
