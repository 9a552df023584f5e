// Tables of the master schedule: class periods, the district course catalog, offerings and sections.
import { GRADE_LEVELS, uri } from "./descriptors.js";
import type { Model } from "./model.js";
import { classPeriodName, classPeriodRef, periodOf, courseOfferingRef, courseRef, leaRef, schoolRef, sessionRef } from "./references.js";
import { COURSES, PERIODS, sectionIdentifier } from "./schedule.js";
import { pad, revise } from "./table.js";
import type { Table } from "./types.js";

/** Periods of 50 minutes from 08:00 (plus a delay) with 5 minutes between them. */
function meetingTime(period: number, delay = 0) {
  const time = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;
  const start = 8 * 60 + delay + 55 * period;
  return { startTime: time(start), endTime: time(start + 50) };
}

export function courseTables(m: Model): Record<string, Table> {
  const { schedule, staff } = m;
  return {
    classPeriods: {
      count: m.edorgs.schools.length * PERIODS,
      leaf: false,
      record: (i) => ({
        classPeriodName: classPeriodName(i % PERIODS),
        schoolReference: schoolRef(m, Math.floor(i / PERIODS)),
        meetingTimes: [meetingTime(i % PERIODS)],
      }),
      // A new bell schedule: the day starts 5 to 15 minutes later.
      update: (record, revision) => ({ ...record, meetingTimes: [meetingTime(periodOf(String(record.classPeriodName)), 5 * (1 + (revision % 3)))] }),
    },
    courses: {
      count: COURSES.length,
      leaf: false,
      record: (c) => {
        const course = COURSES[c];
        const subject = uri("AcademicSubject", course.subject);
        return {
          courseCode: course.code,
          courseTitle: course.title,
          numberOfParts: 1,
          educationOrganizationReference: leaRef(m),
          ...(m.ds === 4 ? { academicSubjectDescriptor: subject } : { academicSubjects: [{ academicSubjectDescriptor: subject }] }),
          offeredGradeLevels: course.grades.map((g) => ({ gradeLevelDescriptor: uri("GradeLevel", GRADE_LEVELS[g]) })),
        };
      },
      update: revise("courseTitle"),
    },
    courseOfferings: {
      count: schedule.offerings.length,
      leaf: false,
      record: (i) => {
        const offering = schedule.offerings[i];
        return {
          localCourseCode: COURSES[offering.course].code,
          localCourseTitle: COURSES[offering.course].title,
          courseReference: courseRef(m, offering.course),
          schoolReference: schoolRef(m, offering.school),
          sessionReference: sessionRef(m, offering.t, offering.school, offering.session),
        };
      },
      update: revise("localCourseTitle"),
    },
    sections: {
      count: schedule.sectionCount,
      leaf: false,
      record: (g) => {
        const { offering, k } = schedule.section(g);
        const { period } = staff.teaching(offering, k);
        return {
          sectionIdentifier: sectionIdentifier(offering, k),
          sectionName: `${COURSES[offering.course].title} (${classPeriodName(period)})`,
          courseOfferingReference: courseOfferingRef(m, offering),
          classPeriods: [{ classPeriodReference: classPeriodRef(m, offering.school, period) }],
          educationalEnvironmentDescriptor: uri("EducationalEnvironment", COURSES[offering.course].environment),
          sequenceOfCourse: 1,
        };
      },
      update: revise("sectionName"),
    },
  };
}
