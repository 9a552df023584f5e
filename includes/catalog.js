// The one resource catalog. Every Ed-Fi resource the Analytics Middle Tier needs is named here once;
// the extractor, the simulator, the source declarations and the staging models are all generated from it.
//
// Plain CommonJS with no dependencies so that the Dataform sandbox (vm2, no fs, no process.env) can
// `require` it from includes/ and the TypeScript code can import and validate it (lib/catalog.ts).
//
// Entry fields:
//   resource     logical name (the Data Standard 5 resource name, camelCase)
//   table        lake folder and warehouse table name (snake_case)
//   paths        API path under /ed-fi/ per data standard: 4 = DS 3.3/4.0 (ODS/API 5.x, 6.x, 7.x),
//                5 = DS 5.x (ODS/API 7.x). A missing entry means the resource does not exist in that standard.
//   key          natural key as JSON paths into the API record, per data standard
//   schoolYear   JSON path of the record's school year, or null when the resource is not year-scoped
//   deletes      the API serves /deletes for it (ODS/API 5.3+; 5.x without key values)
//   keyChanges   its natural key is updatable, so /keyChanges can return rows (ODS/API 6.0+)
//   descriptor   a descriptor resource (namespace + codeValue)
//   usedBy       AMT views that read it (documentation, and the completeness test against AMT-SPEC §3.3)

const DATA_STANDARDS = [4, 5];

function snake(name) {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

function perStandard(value) {
  if (value && !Array.isArray(value) && typeof value === "object") return value;
  return { 4: value, 5: value };
}

function resource(name, options) {
  const paths = options.paths || { 4: name, 5: name };
  const key = perStandard(options.key);
  return {
    resource: name,
    table: snake(name),
    paths,
    key: Object.fromEntries(Object.keys(paths).map((ds) => [ds, key[ds]])),
    schoolYear: options.schoolYear || null,
    deletes: true,
    keyChanges: Boolean(options.keyChanges),
    descriptor: false,
    usedBy: options.usedBy,
  };
}

function descriptor(name, usedBy) {
  const plural = name + "Descriptors";
  return {
    resource: plural,
    table: snake(plural),
    paths: { 4: plural, 5: plural },
    key: { 4: ["namespace", "codeValue"], 5: ["namespace", "codeValue"] },
    schoolYear: null,
    deletes: true,
    keyChanges: false,
    descriptor: true,
    usedBy,
  };
}

const SECTION_REF = [
  "sectionReference.localCourseCode",
  "sectionReference.schoolId",
  "sectionReference.schoolYear",
  "sectionReference.sectionIdentifier",
  "sectionReference.sessionName",
];
const STUDENT = "studentReference.studentUniqueId";
const PROGRAM_ASSOCIATION_KEY = [
  "beginDate",
  "educationOrganizationReference.educationOrganizationId",
  "programReference.educationOrganizationId",
  "programReference.programName",
  "programReference.programTypeDescriptor",
  STUDENT,
];
const GRADE_SECTION_KEY = [
  "studentSectionAssociationReference.beginDate",
  "studentSectionAssociationReference.localCourseCode",
  "studentSectionAssociationReference.schoolId",
  "studentSectionAssociationReference.schoolYear",
  "studentSectionAssociationReference.sectionIdentifier",
  "studentSectionAssociationReference.sessionName",
  "studentSectionAssociationReference.studentUniqueId",
];

const resources = [
  // Education organizations and years
  resource("stateEducationAgencies", {
    key: ["stateEducationAgencyId"],
    usedBy: ["LocalEducationAgencyDim", "SchoolDim"],
  }),
  resource("educationServiceCenters", {
    key: ["educationServiceCenterId"],
    usedBy: ["LocalEducationAgencyDim", "SchoolDim"],
  }),
  resource("localEducationAgencies", {
    key: ["localEducationAgencyId"],
    usedBy: ["LocalEducationAgencyDim", "SchoolDim", "StudentLocalEducationAgencyDim"],
  }),
  resource("schools", {
    key: ["schoolId"],
    usedBy: ["SchoolDim", "StudentSchoolDim", "SectionDim", "equity_FeederSchoolDim", "rls_UserAuthorization"],
  }),
  resource("schoolYearTypes", {
    key: ["schoolYear"],
    usedBy: ["DemographicDim", "AcademicTimePeriodDim"],
  }),

  // Calendars, sessions, grading periods
  resource("calendars", {
    key: ["calendarCode", "schoolReference.schoolId", "schoolYearTypeReference.schoolYear"],
    schoolYear: "schoolYearTypeReference.schoolYear",
    usedBy: ["chrab_ChronicAbsenteeismAttendanceFact"],
  }),
  resource("calendarDates", {
    key: ["calendarReference.calendarCode", "calendarReference.schoolId", "calendarReference.schoolYear", "date"],
    schoolYear: "calendarReference.schoolYear",
    usedBy: ["DateDim", "chrab_ChronicAbsenteeismAttendanceFact", "ews_StudentEarlyWarningFact"],
  }),
  resource("sessions", {
    key: ["schoolReference.schoolId", "schoolYearTypeReference.schoolYear", "sessionName"],
    schoolYear: "schoolYearTypeReference.schoolYear",
    keyChanges: true,
    usedBy: ["SectionDim", "AcademicTimePeriodDim"],
  }),
  resource("gradingPeriods", {
    key: {
      4: ["gradingPeriodDescriptor", "periodSequence", "schoolReference.schoolId", "schoolYearTypeReference.schoolYear"],
      5: ["gradingPeriodDescriptor", "gradingPeriodName", "schoolReference.schoolId", "schoolYearTypeReference.schoolYear"],
    },
    schoolYear: "schoolYearTypeReference.schoolYear",
    usedBy: ["GradingPeriodDim", "MostRecentGradingPeriod", "AcademicTimePeriodDim", "ews_StudentSectionGradeFact"],
  }),

  // Courses and sections
  resource("courses", {
    key: ["courseCode", "educationOrganizationReference.educationOrganizationId"],
    usedBy: ["SectionDim", "StudentSectionDim", "equity_StudentHistoryDim"],
  }),
  resource("courseOfferings", {
    key: ["localCourseCode", "sessionReference.schoolId", "sessionReference.schoolYear", "sessionReference.sessionName"],
    schoolYear: "sessionReference.schoolYear",
    usedBy: ["SectionDim", "StudentSectionDim", "equity_StudentHistoryDim"],
  }),
  resource("classPeriods", {
    key: ["classPeriodName", "schoolReference.schoolId"],
    keyChanges: true,
    usedBy: ["ClassPeriodDim"],
  }),
  resource("sections", {
    key: [
      "courseOfferingReference.localCourseCode",
      "courseOfferingReference.schoolId",
      "courseOfferingReference.schoolYear",
      "sectionIdentifier",
      "courseOfferingReference.sessionName",
    ],
    schoolYear: "courseOfferingReference.schoolYear",
    keyChanges: true,
    usedBy: ["ClassPeriodDim", "SectionDim", "rls_StudentDataAuthorization", "rls_UserAuthorization"],
  }),

  // Staff
  resource("staffs", {
    key: ["staffUniqueId"],
    usedBy: ["StaffSectionDim", "StudentSectionDim", "rls_UserDim", "equity_StudentDisciplineActionDim"],
  }),
  resource("staffSectionAssociations", {
    key: {
      4: ["staffReference.staffUniqueId", ...SECTION_REF],
      5: ["beginDate", "staffReference.staffUniqueId", ...SECTION_REF],
    },
    schoolYear: "sectionReference.schoolYear",
    usedBy: ["StaffSectionDim", "StudentSectionDim", "rls_UserAuthorization", "rls_UserStudentDataAuthorization"],
  }),
  resource("staffEducationOrganizationAssignmentAssociations", {
    key: [
      "beginDate",
      "educationOrganizationReference.educationOrganizationId",
      "staffClassificationDescriptor",
      "staffReference.staffUniqueId",
    ],
    usedBy: ["rls_UserAuthorization", "rls_UserStudentDataAuthorization"],
  }),

  // Students and enrollment
  resource("students", {
    key: ["studentUniqueId"],
    usedBy: ["StudentSchoolDim", "AllStudentSchoolDim", "StudentLocalEducationAgencyDim", "StudentProgramDim"],
  }),
  resource("studentSchoolAssociations", {
    key: ["entryDate", "schoolReference.schoolId", STUDENT],
    schoolYear: "schoolYearTypeReference.schoolYear",
    keyChanges: true,
    usedBy: ["StudentSchoolDim", "AllStudentSchoolDim", "StudentLocalEducationAgencyDim", "StudentSchoolDemographicsBridge"],
  }),
  resource("studentEducationOrganizationAssociations", {
    key: ["educationOrganizationReference.educationOrganizationId", STUDENT],
    usedBy: ["StudentSchoolDim", "StudentLocalEducationAgencyDim", "StudentSchoolDemographicsBridge"],
  }),
  resource("studentSectionAssociations", {
    key: ["beginDate", ...SECTION_REF, STUDENT],
    schoolYear: "sectionReference.schoolYear",
    keyChanges: true,
    usedBy: ["StudentSectionDim", "rls_StudentDataAuthorization", "chrab_ChronicAbsenteeismAttendanceFact"],
  }),

  // Contacts (DS 4: parents)
  resource("contacts", {
    paths: { 4: "parents", 5: "contacts" },
    key: { 4: ["parentUniqueId"], 5: ["contactUniqueId"] },
    usedBy: ["ContactPersonDim"],
  }),
  resource("studentContactAssociations", {
    paths: { 4: "studentParentAssociations", 5: "studentContactAssociations" },
    key: {
      4: ["parentReference.parentUniqueId", STUDENT],
      5: ["contactReference.contactUniqueId", STUDENT],
    },
    usedBy: ["ContactPersonDim"],
  }),

  // Programs and cohorts
  resource("programs", {
    key: ["educationOrganizationReference.educationOrganizationId", "programName", "programTypeDescriptor"],
    usedBy: ["StudentProgramDim", "equity_StudentProgramCohortDim"],
  }),
  resource("studentProgramAssociations", {
    key: PROGRAM_ASSOCIATION_KEY,
    usedBy: ["StudentProgramDim", "equity_StudentProgramCohortDim"],
  }),
  resource("studentSchoolFoodServiceProgramAssociations", {
    key: PROGRAM_ASSOCIATION_KEY,
    usedBy: ["equity_StudentSchoolFoodServiceProgramDim"],
  }),
  resource("studentSpecialEducationProgramAssociations", {
    key: PROGRAM_ASSOCIATION_KEY,
    usedBy: ["StudentProgramDim"],
  }),
  resource("cohorts", {
    key: ["cohortIdentifier", "educationOrganizationReference.educationOrganizationId"],
    usedBy: ["equity_StudentProgramCohortDim"],
  }),
  resource("studentCohortAssociations", {
    key: ["beginDate", "cohortReference.cohortIdentifier", "cohortReference.educationOrganizationId", STUDENT],
    usedBy: ["equity_StudentProgramCohortDim"],
  }),

  // Attendance and grades
  resource("studentSchoolAttendanceEvents", {
    key: [
      "attendanceEventCategoryDescriptor",
      "eventDate",
      "schoolReference.schoolId",
      "sessionReference.schoolYear",
      "sessionReference.sessionName",
      STUDENT,
    ],
    schoolYear: "sessionReference.schoolYear",
    usedBy: ["chrab_ChronicAbsenteeismAttendanceFact", "ews_StudentEarlyWarningFact"],
  }),
  resource("studentSectionAttendanceEvents", {
    key: ["attendanceEventCategoryDescriptor", "eventDate", ...SECTION_REF, STUDENT],
    schoolYear: "sectionReference.schoolYear",
    usedBy: ["chrab_ChronicAbsenteeismAttendanceFact", "ews_StudentEarlyWarningFact"],
  }),
  resource("grades", {
    key: {
      4: [
        "gradeTypeDescriptor",
        "gradingPeriodReference.gradingPeriodDescriptor",
        "gradingPeriodReference.periodSequence",
        "gradingPeriodReference.schoolYear",
        ...GRADE_SECTION_KEY,
      ],
      5: [
        "gradeTypeDescriptor",
        "gradingPeriodReference.gradingPeriodDescriptor",
        "gradingPeriodReference.gradingPeriodName",
        "gradingPeriodReference.schoolYear",
        ...GRADE_SECTION_KEY,
      ],
    },
    schoolYear: "studentSectionAssociationReference.schoolYear",
    keyChanges: true,
    usedBy: ["ews_StudentSectionGradeFact", "equity_StudentHistoryDim"],
  }),

  // Discipline
  resource("disciplineIncidents", {
    key: ["incidentIdentifier", "schoolReference.schoolId"],
    usedBy: ["ews_StudentEarlyWarningFact"],
  }),
  resource("studentDisciplineIncidentAssociations", {
    paths: { 4: "studentDisciplineIncidentAssociations" },
    key: ["disciplineIncidentReference.incidentIdentifier", "disciplineIncidentReference.schoolId", STUDENT],
    usedBy: ["ews_StudentEarlyWarningFact"],
  }),
  resource("studentDisciplineIncidentBehaviorAssociations", {
    key: [
      "behaviorDescriptor",
      "disciplineIncidentReference.incidentIdentifier",
      "disciplineIncidentReference.schoolId",
      STUDENT,
    ],
    usedBy: ["ews_StudentEarlyWarningFact"],
  }),
  resource("disciplineActions", {
    key: ["disciplineActionIdentifier", "disciplineDate", STUDENT],
    usedBy: ["equity_StudentDisciplineActionDim"],
  }),

  // Assessments
  resource("assessments", {
    key: ["assessmentIdentifier", "namespace"],
    usedBy: ["asmt_AssessmentFact"],
  }),
  resource("objectiveAssessments", {
    key: ["assessmentReference.assessmentIdentifier", "identificationCode", "assessmentReference.namespace"],
    usedBy: ["asmt_AssessmentFact"],
  }),
  resource("studentAssessments", {
    key: ["assessmentReference.assessmentIdentifier", "assessmentReference.namespace", "studentAssessmentIdentifier", STUDENT],
    schoolYear: "schoolYearTypeReference.schoolYear",
    usedBy: ["asmt_StudentAssessmentFact"],
  }),

  // Feeder schools
  resource("feederSchoolAssociations", {
    key: ["beginDate", "feederSchoolReference.schoolId", "schoolReference.schoolId"],
    usedBy: ["equity_FeederSchoolDim"],
  }),
];

// Descriptor resources whose rows the AMT reads (descriptions, DemographicDim values) or maps
// to AMT descriptor constants (analytics_config.DescriptorMap).
const descriptors = [
  descriptor("academicSubject", ["SectionDim", "StudentSectionDim", "asmt_AssessmentFact"]),
  descriptor("addressType", ["SchoolDim", "ContactPersonDim"]),
  descriptor("assessmentCategory", ["asmt_AssessmentFact"]),
  descriptor("assessmentReportingMethod", ["asmt_AssessmentFact", "asmt_StudentAssessmentFact"]),
  descriptor("attendanceEventCategory", ["chrab_ChronicAbsenteeismAttendanceFact", "ews_StudentEarlyWarningFact"]),
  descriptor("behavior", ["ews_StudentEarlyWarningFact"]),
  descriptor("calendarEvent", ["DateDim", "chrab_ChronicAbsenteeismAttendanceFact"]),
  descriptor("cohortType", ["equity_StudentProgramCohortDim"]),
  descriptor("cohortYearType", ["DemographicDim"]),
  descriptor("disability", ["DemographicDim"]),
  descriptor("disabilityDesignation", ["DemographicDim"]),
  descriptor("discipline", ["equity_StudentDisciplineActionDim"]),
  descriptor("educationalEnvironment", ["SectionDim"]),
  descriptor("electronicMailType", ["ContactPersonDim", "rls_UserDim"]),
  descriptor("gradeLevel", ["asmt_AssessmentFact", "equity_StudentProgramCohortDim"]),
  descriptor("gradeType", ["ews_StudentSectionGradeFact", "equity_StudentHistoryDim"]),
  descriptor("gradingPeriod", ["GradingPeriodDim", "AcademicTimePeriodDim"]),
  descriptor("language", ["DemographicDim"]),
  descriptor("languageUse", ["DemographicDim"]),
  descriptor("levelOfEducation", ["StaffSectionDim"]),
  descriptor("performanceLevel", ["asmt_StudentAssessmentFact"]),
  descriptor("programType", ["StudentProgramDim"]),
  descriptor("race", ["DemographicDim", "StaffSectionDim"]),
  descriptor("resultDatatypeType", ["asmt_AssessmentFact", "asmt_StudentAssessmentFact"]),
  descriptor("schoolFoodServiceProgramService", ["equity_StudentSchoolFoodServiceProgramDim"]),
  descriptor("schoolType", ["SchoolDim"]),
  descriptor("sex", ["StaffSectionDim"]),
  descriptor("staffClassification", ["rls_StaffClassificationDescriptorScopeList"]),
  descriptor("studentCharacteristic", ["DemographicDim"]),
  descriptor("telephoneNumberType", ["ContactPersonDim"]),
  descriptor("term", ["SectionDim", "AcademicTimePeriodDim"]),
  descriptor("tribalAffiliation", ["DemographicDim"]),
];

const catalog = [...resources, ...descriptors];

module.exports = { DATA_STANDARDS, catalog };
