// Tables of students and their enrollments: students, school and education organization associations
// (demographics) and section associations.
import { GRADE_LEVELS, uri, type Code } from "./descriptors.js";
import { openRoster, type Model } from "./model.js";
import { address, birthDate, Kind, personName, renamed } from "./people.js";
import {
  calendarRef,
  edorgRef,
  schoolRef,
  schoolYearRef,
  sectionRef,
  studentRef,
  studentUniqueId,
} from "./references.js";
import { SLOTS } from "./schedule.js";
import { addDays } from "./schoolYear.js";
import { endAfter, Groups } from "./table.js";
import { studentTraits } from "./traits.js";
import type { EdfiRecord, Table } from "./types.js";

/** School indexes a student attends in the district's years, in order of first attendance. */
export function schoolsOf(m: Model, student: number): number[] {
  const schools = m.roster.yearsOf(student).flatMap((t) => m.roster.placement(m.roster.studentYear(student, t)).schools);
  return [...new Set(schools)];
}

/** The first day the student attends in the district's years: when programs and cohorts begin. */
export function firstDay(m: Model, student: number): string {
  return m.years[m.roster.yearsOf(student)[0]].days[0];
}

/** Records per student-year in section slot order: u = ⌊i / 12⌋, then session, then slot. */
export const SECTIONS_PER_YEAR = 2 * SLOTS;

export function studentTables(m: Model): Record<string, Table> {
  const { seed, roster } = m;
  const lastYear = m.years.length - 1;
  const demographics = new Groups(roster.total, (student) => 1 + schoolsOf(m, student).length);

  /** The school association of a student-year's Fall school (second = false) or a transfer's Spring school. */
  const schoolAssociation = (u: number, second: boolean): EdfiRecord => {
    const placement = roster.placement(u);
    const { t, grade, student } = placement;
    const { days, sessions } = m.years[t];
    const school = placement.schools[second ? 1 : 0];
    const transfer = !second && placement.schools[0] !== placement.schools[1];
    const exit: [string, Code<"ExitWithdrawType">] | undefined = transfer
      ? [days[sessions[0].end - 1], "Transferred to another school in the district"]
      : t < lastYear
        ? [days[days.length - 1], grade === 12 ? "Graduated" : "End of school year"]
        : undefined;
    return {
      entryDate: days[second ? sessions[1].first : 0],
      schoolReference: schoolRef(m, school),
      studentReference: studentRef(student),
      entryGradeLevelDescriptor: uri("GradeLevel", GRADE_LEVELS[grade]),
      schoolYearTypeReference: schoolYearRef(m, t),
      calendarReference: calendarRef(m, t, school),
      repeatGradeIndicator: false,
      ...(exit && { exitWithdrawDate: exit[0], exitWithdrawTypeDescriptor: uri("ExitWithdrawType", exit[1]) }),
    };
  };

  const demographicsRecord = (i: number): EdfiRecord => {
    const student = demographics.owner(i);
    const k = i - demographics.start(student);
    const traits = studentTraits(seed, student);
    const since = [{ beginDate: firstDay(m, student) }];
    const characteristics = (
      [
        ["Economic Disadvantaged", traits.economicallyDisadvantaged],
        ["Homeless", traits.homeless],
        ["Immigrant", traits.englishLearner && traits.language !== "spa"],
        ["Parent in Military", traits.military],
      ] as [Code<"StudentCharacteristic">, boolean][]
    ).flatMap(([characteristic, has]) => (has ? [characteristic] : []));
    const highSchoolYears = roster.yearsOf(student).filter((t) => roster.grade(student, m.years[t].year) >= 9);
    return {
      educationOrganizationReference: edorgRef(k === 0 ? m.edorgs.lea.id : m.edorgs.schools[schoolsOf(m, student)[k - 1]].id),
      studentReference: studentRef(student),
      sexDescriptor: uri("Sex", personName(seed, Kind.Student, student).sex),
      hispanicLatinoEthnicity: traits.hispanic,
      limitedEnglishProficiencyDescriptor: uri("LimitedEnglishProficiency", traits.englishLearner ? "Limited" : "NotLimited"),
      races: [{ raceDescriptor: uri("Race", traits.race) }],
      tribalAffiliations: traits.tribe ? [{ tribalAffiliationDescriptor: uri("TribalAffiliation", traits.tribe) }] : [],
      languages: [
        {
          languageDescriptor: uri("Language", traits.language),
          uses: [{ languageUseDescriptor: uri("LanguageUse", "Home language") }, { languageUseDescriptor: uri("LanguageUse", "Native language") }],
        },
      ],
      studentCharacteristics: characteristics.map((c) => ({ studentCharacteristicDescriptor: uri("StudentCharacteristic", c), periods: since })),
      studentIndicators: [{ indicatorName: "Gifted and Talented", indicator: traits.gifted ? "Yes" : "No" }],
      disabilities: traits.disability
        ? [
            {
              disabilityDescriptor: uri("Disability", traits.disability),
              designations: [{ disabilityDesignationDescriptor: uri("DisabilityDesignation", "Individuals with Disabilities Education Act (IDEA)") }],
            },
          ]
        : [],
      addresses: [address(seed, Kind.Student, student, "Home")],
      cohortYears: highSchoolYears.map((t) => ({
        cohortYearTypeDescriptor: uri("CohortYearType", GRADE_LEVELS[roster.grade(student, m.years[t].year)] as Code<"CohortYearType">),
        schoolYearTypeReference: schoolYearRef(m, t),
      })),
    };
  };

  const sectionAssociation = (i: number): EdfiRecord => {
    const placement = roster.placement(Math.floor(i / SECTIONS_PER_YEAR));
    const session = Math.floor((i % SECTIONS_PER_YEAR) / SLOTS);
    const slot = i % SLOTS;
    const { days, sessions } = m.years[placement.t];
    return {
      beginDate: days[sessions[session].first],
      ...(!openRoster(m, placement.t, session) && { endDate: days[sessions[session].end - 1] }),
      sectionReference: sectionRef(m, m.schedule.sectionOf(placement, session, slot)),
      studentReference: studentRef(placement.student),
      homeroomIndicator: slot === 0,
    };
  };

  return {
    students: {
      count: roster.total,
      leaf: false,
      record: (student) => {
        const name = personName(seed, Kind.Student, student);
        return {
          studentUniqueId: studentUniqueId(student),
          firstName: name.firstName,
          middleName: name.middleName,
          lastSurname: name.lastSurname,
          birthDate: birthDate(seed, Kind.Student, student, `${roster.graduationYear(student) - 19}-09-02`),
          birthSexDescriptor: uri("Sex", name.sex),
        };
      },
      update: renamed,
    },
    studentSchoolAssociations: {
      count: roster.studentYears + roster.transfers.length,
      leaf: true,
      record: (i) => (i < roster.studentYears ? schoolAssociation(i, false) : schoolAssociation(roster.transfers[i - roster.studentYears], true)),
      update: (record) => ({ ...record, repeatGradeIndicator: !record.repeatGradeIndicator }),
      changeKey: (record, revision) => {
        // Move the entry date a few days before the start of its session (a pre-registration): no other
        // association of the student starts then, as those begin on session starts in other schools or years.
        const t = m.years.findIndex((y) => y.year === (record.schoolYearTypeReference as { schoolYear: number }).schoolYear);
        const { days, sessions } = m.years[t];
        const start = String(record.entryDate) > days[sessions[0].end - 1] ? days[sessions[1].first] : days[0];
        const moved = (r: number) => addDays(start, -1 - (r % 10));
        return { ...record, entryDate: moved(revision) === record.entryDate ? moved(revision + 1) : moved(revision) };
      },
    },
    studentEducationOrganizationAssociations: {
      count: demographics.total,
      leaf: true,
      record: demographicsRecord,
      update: (record) => ({ ...record, hispanicLatinoEthnicity: !record.hispanicLatinoEthnicity }),
    },
    studentSectionAssociations: {
      count: roster.studentYears * SECTIONS_PER_YEAR,
      leaf: false,
      record: sectionAssociation,
      // A schedule change: the student left the section some weeks into the session.
      update: endAfter(60, 20),
    },
  };
}
