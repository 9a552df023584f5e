import { catalog, entryByPath, naturalKey, resourcesFor } from "../lib/catalog.js";

// AMT-SPEC §3.3 "Resource → view index": every API resource the AMT views read, by DS 4 path
// (DS 5 renames parents/studentParentAssociations to contacts/studentContactAssociations and drops
// studentDisciplineIncidentAssociations).
const SPEC_3_3_RESOURCES = [
  "students", "studentSchoolAssociations", "studentEducationOrganizationAssociations", "schools",
  "localEducationAgencies", "stateEducationAgencies", "educationServiceCenters", "schoolYearTypes",
  "calendarDates", "gradingPeriods", "sessions", "courses", "courseOfferings", "sections",
  "studentSectionAssociations", "staffs", "staffSectionAssociations", "staffEducationOrganizationAssignmentAssociations",
  "parents", "studentParentAssociations", "programs", "studentProgramAssociations",
  "studentSchoolAttendanceEvents", "studentSectionAttendanceEvents", "disciplineIncidents",
  "studentDisciplineIncidentAssociations", "grades", "assessments", "objectiveAssessments", "studentAssessments",
  "studentSchoolFoodServiceProgramAssociations", "feederSchoolAssociations", "disciplineActions", "cohorts",
  "studentCohortAssociations",
];
const SPEC_DS5_RESOURCES = ["contacts", "studentContactAssociations", "studentDisciplineIncidentBehaviorAssociations"];

// Descriptor resources the views read for descriptions, DemographicDim values or DescriptorMap constants (§4–§9, §12.1).
const SPEC_DESCRIPTORS = [
  "academicSubject", "addressType", "assessmentCategory", "assessmentReportingMethod", "attendanceEventCategory",
  "behavior", "calendarEvent", "cohortType", "cohortYearType", "disability", "disabilityDesignation", "discipline",
  "educationalEnvironment", "electronicMailType", "gradeLevel", "gradeType", "gradingPeriod", "language", "languageUse",
  "levelOfEducation", "performanceLevel", "programType", "race", "resultDatatypeType", "schoolFoodServiceProgramService",
  "schoolType", "sex", "staffClassification", "studentCharacteristic", "telephoneNumberType", "term", "tribalAffiliation",
].map((name) => `${name}Descriptors`);

describe("resource catalog", () => {
  test("covers every resource of AMT-SPEC §3.3 under its DS 4 path", () => {
    const missing = SPEC_3_3_RESOURCES.filter((path) => !entryByPath(path, 4));
    expect(missing).toEqual([]);
  });

  test("covers the DS 5 names of renamed resources", () => {
    expect(SPEC_DS5_RESOURCES.filter((path) => !entryByPath(path, 5))).toEqual([]);
    expect(entryByPath("parents", 4)).toBe(entryByPath("contacts", 5));
    expect(entryByPath("studentParentAssociations", 4)).toBe(entryByPath("studentContactAssociations", 5));
    expect(entryByPath("studentDisciplineIncidentAssociations", 5)).toBeUndefined();
  });

  test("covers every descriptor the views read or map", () => {
    expect(SPEC_DESCRIPTORS.filter((path) => !entryByPath(path, 4) || !entryByPath(path, 5))).toEqual([]);
    expect(catalog.filter((e) => e.descriptor).map((e) => e.resource).sort()).toEqual([...SPEC_DESCRIPTORS].sort());
  });

  test("names each resource and table once", () => {
    const names = catalog.map((e) => e.resource);
    const tables = catalog.map((e) => e.table);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(tables).size).toBe(tables.length);
    for (const ds of [4, 5] as const) {
      const paths = resourcesFor(ds).map((e) => e.paths[ds]);
      expect(new Set(paths).size).toBe(paths.length);
    }
  });

  test("tables are the snake_case of the logical resource name", () => {
    for (const e of catalog) expect(e.table).toBe(e.resource.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()));
  });

  test("DS 5 key differences follow the data standard", () => {
    const key = (path: string, ds: 4 | 5) => naturalKey(entryByPath(path, ds)!, ds);
    expect(key("gradingPeriods", 4)).toContain("periodSequence");
    expect(key("gradingPeriods", 5)).toContain("gradingPeriodName");
    expect(key("grades", 5)).toContain("gradingPeriodReference.gradingPeriodName");
    expect(key("staffSectionAssociations", 5)).toContain("beginDate");
    expect(key("staffSectionAssociations", 4)).not.toContain("beginDate");
    expect(key("parents", 4)).toEqual(["parentUniqueId"]);
    expect(key("contacts", 5)).toEqual(["contactUniqueId"]);
  });

  test("year-scoped resources name where their school year is, inside their natural key or a reference", () => {
    const scoped = catalog.filter((e) => e.schoolYear !== null).map((e) => e.resource);
    expect(scoped).toEqual(
      expect.arrayContaining(["calendarDates", "sessions", "sections", "studentSchoolAssociations", "studentSectionAssociations", "grades", "studentSchoolAttendanceEvents"]),
    );
    expect(catalog.find((e) => e.resource === "students")?.schoolYear).toBeNull();
    for (const e of catalog.filter((entry) => entry.schoolYear)) expect(e.schoolYear).toMatch(/schoolYear$/);
  });

  test("descriptors are keyed by namespace and code value and never change keys", () => {
    for (const e of catalog.filter((entry) => entry.descriptor)) {
      expect(e.key[4]).toEqual(["namespace", "codeValue"]);
      expect(e.keyChanges).toBe(false);
    }
  });
});
