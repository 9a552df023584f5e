// Tables of school years, calendars, calendar dates, sessions and grading periods: every school has its
// own calendar, sessions and grading periods on the district calendar of each year.
import { GRADE_LEVELS, uri } from "./descriptors.js";
import type { Model } from "./model.js";
import { LEVELS } from "./organizations.js";
import { calendarCode, calendarRef, gradingPeriodRef, schoolRef, schoolYearRef } from "./references.js";
import { spanDays } from "./schoolYear.js";
import { Groups } from "./table.js";
import type { Table } from "./types.js";

export function calendarTables(m: Model): Record<string, Table> {
  const schools = m.edorgs.schools.length;
  const years = m.years.length;
  const dates = new Groups(years, (t) => schools * m.years[t].calendar.length);
  const sessions = m.years[0].sessions.length;
  const periods = m.years[0].gradingPeriods.length;
  /** Record i of a resource with `per` records per school and year, ordered by year, school, k. */
  const locate = (i: number, per: number) => ({ t: Math.floor(i / (per * schools)), school: Math.floor(i / per) % schools, k: i % per });
  return {
    schoolYearTypes: {
      count: years,
      leaf: false,
      record: (t) => ({
        schoolYear: m.years[t].year,
        schoolYearDescription: m.years[t].description,
        currentSchoolYear: t === years - 1,
      }),
    },
    calendars: {
      count: years * schools,
      leaf: false,
      record: (i) => {
        const { t, school } = locate(i, 1);
        return {
          calendarCode: calendarCode(m, t, school),
          schoolReference: schoolRef(m, school),
          schoolYearTypeReference: schoolYearRef(m, t),
          calendarTypeDescriptor: uri("CalendarType", "School"),
          gradeLevels: LEVELS[m.edorgs.schools[school].level].grades.map((g) => ({ gradeLevelDescriptor: uri("GradeLevel", GRADE_LEVELS[g]) })),
        };
      },
    },
    calendarDates: {
      count: dates.total,
      leaf: true,
      record: (i) => {
        const t = dates.owner(i);
        const { calendar } = m.years[t];
        const r = i - dates.start(t);
        const day = calendar[r % calendar.length];
        return {
          calendarReference: calendarRef(m, t, Math.floor(r / calendar.length)),
          date: day.date,
          calendarEvents: [{ calendarEventDescriptor: uri("CalendarEvent", day.event) }],
        };
      },
    },
    sessions: {
      count: years * schools * sessions,
      leaf: false,
      record: (i) => {
        const { t, school, k: session } = locate(i, sessions);
        const plan = m.years[t].sessions[session];
        const { days, gradingPeriods } = m.years[t];
        return {
          sessionName: plan.name,
          schoolReference: schoolRef(m, school),
          schoolYearTypeReference: schoolYearRef(m, t),
          termDescriptor: uri("Term", plan.term),
          beginDate: days[plan.first],
          endDate: days[plan.end - 1],
          totalInstructionalDays: spanDays(plan),
          gradingPeriods: gradingPeriods.flatMap((gp, period) =>
            gp.session === session ? [{ gradingPeriodReference: gradingPeriodRef(m, t, school, period) }] : [],
          ),
        };
      },
    },
    gradingPeriods: {
      count: years * schools * periods,
      leaf: false,
      record: (i) => {
        const { t, school, k: period } = locate(i, periods);
        const plan = m.years[t].gradingPeriods[period];
        // The reference holds the identity (descriptor and DS4 periodSequence or DS5 gradingPeriodName).
        const { schoolId, schoolYear, ...identity } = gradingPeriodRef(m, t, school, period);
        return {
          ...identity,
          periodSequence: plan.sequence,
          schoolReference: { schoolId },
          schoolYearTypeReference: { schoolYear },
          beginDate: m.years[t].days[plan.first],
          endDate: m.years[t].days[plan.end - 1],
          totalInstructionalDays: spanDays(plan),
        };
      },
    },
  };
}
