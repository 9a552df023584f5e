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
//   fields       staging columns besides the natural key (includes/staging.js), DS 5 names
//   children     child collections staged as their own views: { name, path, fields, children }
//   incremental  staged incrementally (MERGE of the newly committed runs, reading only their files):
//                every resource; descriptors are tiny, and one table of them all is rebuilt

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
    fields: options.fields,
    children: options.children || [],
    incremental: true,
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
    fields: ["codeValue", "shortDescription", "description", "effectiveBeginDate", "effectiveEndDate", "priorDescriptor"],
    children: [],
    incremental: false,
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

// Staging column specs (see includes/staging.js): "jsonPath[:type][ as column]". Types are inferred
// from the name when not given (…Descriptor, …Date, …Id, schoolYear); everything else is text.
const ADDRESS = [
  "addressTypeDescriptor",
  "streetNumberName",
  "apartmentRoomSuiteNumber",
  "city",
  "stateAbbreviationDescriptor",
  "postalCode",
  "nameOfCounty",
];
const ADDRESS_PERIODS = { name: "address_periods", path: "periods", fields: ["beginDate", "endDate"] };
const ELECTRONIC_MAIL = ["electronicMailAddress", "electronicMailTypeDescriptor", "primaryEmailAddressIndicator:bool"];
const SCORE_RANGE = ["assessmentReportingMethodDescriptor", "resultDatatypeTypeDescriptor", "minimumScore", "maximumScore"];
const SCORE_RESULT = ["assessmentReportingMethodDescriptor", "resultDatatypeTypeDescriptor", "result"];

const resources = [
  // Education organizations and years
  resource("stateEducationAgencies", {
    fields: ["nameOfInstitution"],
    key: ["stateEducationAgencyId"],
    usedBy: ["LocalEducationAgencyDim", "SchoolDim"],
  }),
  resource("educationServiceCenters", {
    fields: ["nameOfInstitution", "stateEducationAgencyReference.stateEducationAgencyId"],
    key: ["educationServiceCenterId"],
    usedBy: ["LocalEducationAgencyDim", "SchoolDim"],
  }),
  resource("localEducationAgencies", {
    fields: [
      "nameOfInstitution",
      "localEducationAgencyCategoryDescriptor",
      "charterStatusDescriptor",
      "parentLocalEducationAgencyReference.localEducationAgencyId as parent_local_education_agency_id",
      "stateEducationAgencyReference.stateEducationAgencyId",
      "educationServiceCenterReference.educationServiceCenterId",
    ],
    children: [{ name: "categories", path: "categories", fields: ["educationOrganizationCategoryDescriptor"] }],
    key: ["localEducationAgencyId"],
    usedBy: ["LocalEducationAgencyDim", "SchoolDim", "StudentLocalEducationAgencyDim"],
  }),
  resource("schools", {
    fields: [
      "nameOfInstitution",
      "shortNameOfInstitution",
      "schoolTypeDescriptor",
      "charterStatusDescriptor",
      "localEducationAgencyReference.localEducationAgencyId",
    ],
    children: [
      { name: "addresses", path: "addresses", fields: ADDRESS, children: [ADDRESS_PERIODS] },
      { name: "grade_levels", path: "gradeLevels", fields: ["gradeLevelDescriptor"] },
      { name: "categories", path: "schoolCategories", fields: ["schoolCategoryDescriptor"] },
    ],
    key: ["schoolId"],
    usedBy: ["SchoolDim", "StudentSchoolDim", "SectionDim", "equity_FeederSchoolDim", "rls_UserAuthorization"],
  }),
  resource("schoolYearTypes", {
    fields: ["schoolYearDescription", "currentSchoolYear:bool"],
    key: ["schoolYear"],
    usedBy: ["DemographicDim", "AcademicTimePeriodDim"],
  }),

  // Calendars, sessions, grading periods
  resource("calendars", {
    fields: ["calendarTypeDescriptor"],
    children: [{ name: "grade_levels", path: "gradeLevels", fields: ["gradeLevelDescriptor"] }],
    key: ["calendarCode", "schoolReference.schoolId", "schoolYearTypeReference.schoolYear"],
    schoolYear: "schoolYearTypeReference.schoolYear",
    usedBy: ["chrab_ChronicAbsenteeismAttendanceFact"],
  }),
  resource("calendarDates", {
    fields: [],
    children: [{ name: "calendar_events", path: "calendarEvents", fields: ["calendarEventDescriptor"] }],
    key: ["calendarReference.calendarCode", "calendarReference.schoolId", "calendarReference.schoolYear", "date"],
    schoolYear: "calendarReference.schoolYear",
    usedBy: ["DateDim", "chrab_ChronicAbsenteeismAttendanceFact", "ews_StudentEarlyWarningFact"],
  }),
  resource("sessions", {
    fields: ["termDescriptor", "beginDate", "endDate", "totalInstructionalDays:int"],
    children: [
      {
        name: "grading_periods",
        path: "gradingPeriods",
        fields: [
          "gradingPeriodReference.gradingPeriodDescriptor",
          "gradingPeriodReference.periodSequence:int",
          "gradingPeriodReference.gradingPeriodName",
          "gradingPeriodReference.schoolId as grading_period_school_id",
          "gradingPeriodReference.schoolYear as grading_period_school_year",
        ],
      },
    ],
    key: ["schoolReference.schoolId", "schoolYearTypeReference.schoolYear", "sessionName"],
    schoolYear: "schoolYearTypeReference.schoolYear",
    keyChanges: true,
    usedBy: ["SectionDim", "AcademicTimePeriodDim"],
  }),
  resource("gradingPeriods", {
    fields: ["beginDate", "endDate", "totalInstructionalDays:int", "periodSequence:int", "gradingPeriodName"],
    key: {
      4: ["gradingPeriodDescriptor", "periodSequence", "schoolReference.schoolId", "schoolYearTypeReference.schoolYear"],
      5: ["gradingPeriodDescriptor", "gradingPeriodName", "schoolReference.schoolId", "schoolYearTypeReference.schoolYear"],
    },
    schoolYear: "schoolYearTypeReference.schoolYear",
    usedBy: ["GradingPeriodDim", "MostRecentGradingPeriod", "AcademicTimePeriodDim", "ews_StudentSectionGradeFact"],
  }),

  // Courses and sections
  resource("courses", {
    fields: ["courseTitle", "numberOfParts:int", "academicSubjectDescriptor"],
    children: [
      { name: "academic_subjects", path: "academicSubjects", fields: ["academicSubjectDescriptor"] },
      { name: "offered_grade_levels", path: "offeredGradeLevels", fields: ["gradeLevelDescriptor"] },
    ],
    key: ["courseCode", "educationOrganizationReference.educationOrganizationId"],
    usedBy: ["SectionDim", "StudentSectionDim", "equity_StudentHistoryDim"],
  }),
  resource("courseOfferings", {
    fields: [
      "localCourseTitle",
      "courseReference.courseCode",
      "courseReference.educationOrganizationId",
    ],
    key: ["localCourseCode", "sessionReference.schoolId", "sessionReference.schoolYear", "sessionReference.sessionName"],
    schoolYear: "sessionReference.schoolYear",
    usedBy: ["SectionDim", "StudentSectionDim", "equity_StudentHistoryDim"],
  }),
  resource("classPeriods", {
    fields: [],
    children: [{ name: "meeting_times", path: "meetingTimes", fields: ["startTime", "endTime"] }],
    key: ["classPeriodName", "schoolReference.schoolId"],
    keyChanges: true,
    usedBy: ["ClassPeriodDim"],
  }),
  resource("sections", {
    fields: [
      "sectionName",
      "educationalEnvironmentDescriptor",
      "sequenceOfCourse:int",
      "availableCredits:decimal",
      "locationReference.classroomIdentificationCode",
    ],
    children: [
      {
        name: "class_periods",
        path: "classPeriods",
        fields: ["classPeriodReference.classPeriodName", "classPeriodReference.schoolId as class_period_school_id"],
      },
    ],
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
    fields: [
      "personalTitlePrefix",
      "firstName",
      "middleName",
      "lastSurname",
      "sexDescriptor",
      "birthDate",
      "hispanicLatinoEthnicity:bool",
      "highestCompletedLevelOfEducationDescriptor",
      "highlyQualifiedTeacher:bool",
      "yearsOfPriorProfessionalExperience:decimal",
      "yearsOfPriorTeachingExperience:decimal",
      "loginId",
    ],
    children: [
      { name: "races", path: "races", fields: ["raceDescriptor"] },
      { name: "electronic_mails", path: "electronicMails", fields: ELECTRONIC_MAIL },
    ],
    key: ["staffUniqueId"],
    usedBy: ["StaffSectionDim", "StudentSectionDim", "rls_UserDim", "equity_StudentDisciplineActionDim"],
  }),
  resource("staffSectionAssociations", {
    fields: ["endDate", "classroomPositionDescriptor", "highlyQualifiedTeacher:bool"],
    key: {
      4: ["staffReference.staffUniqueId", ...SECTION_REF],
      5: ["beginDate", "staffReference.staffUniqueId", ...SECTION_REF],
    },
    schoolYear: "sectionReference.schoolYear",
    usedBy: ["StaffSectionDim", "StudentSectionDim", "rls_UserAuthorization", "rls_UserStudentDataAuthorization"],
  }),
  resource("staffEducationOrganizationAssignmentAssociations", {
    fields: ["endDate", "positionTitle"],
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
    fields: ["firstName", "middleName", "lastSurname", "birthDate", "birthSexDescriptor"],
    key: ["studentUniqueId"],
    usedBy: ["StudentSchoolDim", "AllStudentSchoolDim", "StudentLocalEducationAgencyDim", "StudentProgramDim"],
  }),
  resource("studentSchoolAssociations", {
    fields: [
      "exitWithdrawDate",
      "exitWithdrawTypeDescriptor",
      "entryGradeLevelDescriptor",
      "entryTypeDescriptor",
      "primarySchool:bool",
      "repeatGradeIndicator:bool",
      "schoolYearTypeReference.schoolYear",
      "calendarReference.calendarCode",
      "classOfSchoolYearTypeReference.schoolYear as class_of_school_year",
    ],
    key: ["entryDate", "schoolReference.schoolId", STUDENT],
    schoolYear: "schoolYearTypeReference.schoolYear",
    keyChanges: true,
    usedBy: ["StudentSchoolDim", "AllStudentSchoolDim", "StudentLocalEducationAgencyDim", "StudentSchoolDemographicsBridge"],
  }),
  resource("studentEducationOrganizationAssociations", {
    fields: [
      "sexDescriptor",
      "hispanicLatinoEthnicity:bool",
      "limitedEnglishProficiencyDescriptor",
      "loginId",
    ],
    children: [
      { name: "races", path: "races", fields: ["raceDescriptor"] },
      { name: "tribal_affiliations", path: "tribalAffiliations", fields: ["tribalAffiliationDescriptor"] },
      {
        name: "languages",
        path: "languages",
        fields: ["languageDescriptor"],
        children: [{ name: "language_uses", path: "uses", fields: ["languageUseDescriptor"] }],
      },
      {
        name: "characteristics",
        path: "studentCharacteristics",
        fields: ["studentCharacteristicDescriptor", "designatedBy"],
        children: [{ name: "characteristic_periods", path: "periods", fields: ["beginDate", "endDate"] }],
      },
      { name: "indicators", path: "studentIndicators", fields: ["indicatorName", "indicator", "designatedBy"] },
      {
        name: "disabilities",
        path: "disabilities",
        fields: ["disabilityDescriptor", "disabilityDeterminationSourceTypeDescriptor"],
        children: [{ name: "disability_designations", path: "designations", fields: ["disabilityDesignationDescriptor"] }],
      },
      { name: "addresses", path: "addresses", fields: ADDRESS, children: [ADDRESS_PERIODS] },
      { name: "electronic_mails", path: "electronicMails", fields: ELECTRONIC_MAIL },
      {
        name: "cohort_years",
        path: "cohortYears",
        fields: ["cohortYearTypeDescriptor", "schoolYearTypeReference.schoolYear as cohort_school_year", "termDescriptor"],
      },
    ],
    key: ["educationOrganizationReference.educationOrganizationId", STUDENT],
    usedBy: ["StudentSchoolDim", "StudentLocalEducationAgencyDim", "StudentSchoolDemographicsBridge"],
  }),
  resource("studentSectionAssociations", {
    fields: ["endDate", "homeroomIndicator:bool", "repeatIdentifierDescriptor", "teacherStudentDataLinkExclusion:bool"],
    key: ["beginDate", ...SECTION_REF, STUDENT],
    schoolYear: "sectionReference.schoolYear",
    keyChanges: true,
    usedBy: ["StudentSectionDim", "rls_StudentDataAuthorization", "chrab_ChronicAbsenteeismAttendanceFact"],
  }),

  // Contacts (DS 4: parents)
  resource("contacts", {
    fields: ["personalTitlePrefix", "firstName", "middleName", "lastSurname", "sexDescriptor", "loginId"],
    children: [
      { name: "addresses", path: "addresses", fields: ADDRESS, children: [ADDRESS_PERIODS] },
      {
        name: "telephones",
        path: "telephones",
        fields: ["telephoneNumber", "telephoneNumberTypeDescriptor", "orderOfPriority:int", "textMessageCapabilityIndicator:bool"],
      },
      { name: "electronic_mails", path: "electronicMails", fields: ELECTRONIC_MAIL },
    ],
    paths: { 4: "parents", 5: "contacts" },
    key: { 4: ["parentUniqueId"], 5: ["contactUniqueId"] },
    usedBy: ["ContactPersonDim"],
  }),
  resource("studentContactAssociations", {
    fields: [
      "relationDescriptor",
      "primaryContactStatus:bool",
      "livesWith:bool",
      "emergencyContactStatus:bool",
      "contactPriority:int",
      "contactRestrictions",
      "legalGuardian:bool",
    ],
    paths: { 4: "studentParentAssociations", 5: "studentContactAssociations" },
    key: {
      4: ["parentReference.parentUniqueId", STUDENT],
      5: ["contactReference.contactUniqueId", STUDENT],
    },
    usedBy: ["ContactPersonDim"],
  }),

  // Programs and cohorts
  resource("programs", {
    fields: ["programId:string"],
    key: ["educationOrganizationReference.educationOrganizationId", "programName", "programTypeDescriptor"],
    usedBy: ["StudentProgramDim", "equity_StudentProgramCohortDim"],
  }),
  resource("studentProgramAssociations", {
    fields: ["endDate", "reasonExitedDescriptor", "servedOutsideOfRegularSession:bool"],
    key: PROGRAM_ASSOCIATION_KEY,
    usedBy: ["StudentProgramDim", "equity_StudentProgramCohortDim"],
  }),
  resource("studentSchoolFoodServiceProgramAssociations", {
    fields: ["endDate", "directCertification:bool"],
    children: [
      { name: "services", path: "schoolFoodServiceProgramServices", fields: ["schoolFoodServiceProgramServiceDescriptor", "serviceBeginDate"] },
    ],
    key: PROGRAM_ASSOCIATION_KEY,
    usedBy: ["equity_StudentSchoolFoodServiceProgramDim"],
  }),
  resource("studentSpecialEducationProgramAssociations", {
    fields: ["endDate", "ideaEligibility:bool", "specialEducationSettingDescriptor", "multiplyDisabled:bool"],
    key: PROGRAM_ASSOCIATION_KEY,
    usedBy: ["StudentProgramDim"],
  }),
  resource("cohorts", {
    fields: ["cohortDescription", "cohortTypeDescriptor", "cohortScopeDescriptor", "academicSubjectDescriptor"],
    children: [
      {
        name: "programs",
        path: "programs",
        fields: [
          "programReference.educationOrganizationId as program_education_organization_id",
          "programReference.programName",
          "programReference.programTypeDescriptor",
        ],
      },
    ],
    key: ["cohortIdentifier", "educationOrganizationReference.educationOrganizationId"],
    usedBy: ["equity_StudentProgramCohortDim"],
  }),
  resource("studentCohortAssociations", {
    fields: ["endDate"],
    key: ["beginDate", "cohortReference.cohortIdentifier", "cohortReference.educationOrganizationId", STUDENT],
    usedBy: ["equity_StudentProgramCohortDim"],
  }),

  // Attendance and grades
  resource("studentSchoolAttendanceEvents", {
    fields: ["educationalEnvironmentDescriptor", "eventDuration:decimal", "attendanceEventReason"],
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
    fields: ["educationalEnvironmentDescriptor", "eventDuration:decimal", "attendanceEventReason"],
    key: ["attendanceEventCategoryDescriptor", "eventDate", ...SECTION_REF, STUDENT],
    schoolYear: "sectionReference.schoolYear",
    usedBy: ["chrab_ChronicAbsenteeismAttendanceFact", "ews_StudentEarlyWarningFact"],
  }),
  resource("grades", {
    fields: ["letterGradeEarned", "numericGradeEarned:decimal", "performanceBaseConversionDescriptor", "diagnosticStatement"],
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
    fields: ["incidentDate", "incidentDescription", "incidentTime", "staffReference.staffUniqueId", "reporterDescriptionDescriptor"],
    children: [{ name: "behaviors", path: "behaviors", fields: ["behaviorDescriptor", "behaviorDetailedDescription"] }],
    key: ["incidentIdentifier", "schoolReference.schoolId"],
    usedBy: ["ews_StudentEarlyWarningFact"],
  }),
  resource("studentDisciplineIncidentAssociations", {
    fields: ["studentParticipationCodeDescriptor"],
    paths: { 4: "studentDisciplineIncidentAssociations" },
    key: ["disciplineIncidentReference.incidentIdentifier", "disciplineIncidentReference.schoolId", STUDENT],
    usedBy: ["ews_StudentEarlyWarningFact"],
  }),
  resource("studentDisciplineIncidentBehaviorAssociations", {
    fields: ["behaviorDetailedDescription"],
    key: [
      "behaviorDescriptor",
      "disciplineIncidentReference.incidentIdentifier",
      "disciplineIncidentReference.schoolId",
      STUDENT,
    ],
    usedBy: ["ews_StudentEarlyWarningFact"],
  }),
  resource("disciplineActions", {
    fields: [
      "disciplineActionLength:decimal",
      "actualDisciplineActionLength:decimal",
      "responsibilitySchoolReference.schoolId as responsibility_school_id",
      "assignmentSchoolReference.schoolId as assignment_school_id",
      "relatedToZeroTolerancePolicy:bool",
    ],
    children: [
      { name: "disciplines", path: "disciplines", fields: ["disciplineDescriptor"] },
      { name: "staffs", path: "staffs", fields: ["staffReference.staffUniqueId"] },
      {
        name: "incident_behaviors",
        path: "studentDisciplineIncidentBehaviorAssociations",
        fields: [
          "studentDisciplineIncidentBehaviorAssociationReference.behaviorDescriptor",
          "studentDisciplineIncidentBehaviorAssociationReference.incidentIdentifier",
          "studentDisciplineIncidentBehaviorAssociationReference.schoolId as incident_school_id",
        ],
      },
      {
        name: "incidents",
        path: "studentDisciplineIncidentAssociations",
        fields: [
          "studentDisciplineIncidentAssociationReference.incidentIdentifier",
          "studentDisciplineIncidentAssociationReference.schoolId as incident_school_id",
        ],
      },
    ],
    key: ["disciplineActionIdentifier", "disciplineDate", STUDENT],
    usedBy: ["equity_StudentDisciplineActionDim"],
  }),

  // Assessments
  resource("assessments", {
    fields: [
      "assessmentTitle",
      "assessmentVersion:int",
      "assessmentCategoryDescriptor",
      "maxRawScore:decimal",
      "assessmentFamily",
      "adaptiveAssessment:bool",
    ],
    children: [
      { name: "academic_subjects", path: "academicSubjects", fields: ["academicSubjectDescriptor"] },
      { name: "grade_levels", path: "assessedGradeLevels", fields: ["gradeLevelDescriptor"] },
      { name: "scores", path: "scores", fields: SCORE_RANGE },
      { name: "performance_levels", path: "performanceLevels", fields: [...SCORE_RANGE, "performanceLevelDescriptor"] },
    ],
    key: ["assessmentIdentifier", "namespace"],
    usedBy: ["asmt_AssessmentFact"],
  }),
  resource("objectiveAssessments", {
    fields: [
      "description",
      "percentOfAssessment:decimal",
      "maxRawScore:decimal",
      "academicSubjectDescriptor",
      "parentObjectiveAssessmentReference.identificationCode as parent_identification_code",
    ],
    children: [
      { name: "scores", path: "scores", fields: SCORE_RANGE },
      { name: "performance_levels", path: "performanceLevels", fields: [...SCORE_RANGE, "performanceLevelDescriptor"] },
      { name: "learning_standards", path: "learningStandards", fields: ["learningStandardReference.learningStandardId"] },
    ],
    key: ["assessmentReference.assessmentIdentifier", "identificationCode", "assessmentReference.namespace"],
    usedBy: ["asmt_AssessmentFact"],
  }),
  resource("studentAssessments", {
    fields: [
      "administrationDate:timestamp",
      "administrationEndDate:timestamp",
      "whenAssessedGradeLevelDescriptor",
      "serialNumber",
      "administrationEnvironmentDescriptor",
      "reasonNotTestedDescriptor",
      "schoolYearTypeReference.schoolYear",
    ],
    children: [
      { name: "score_results", path: "scoreResults", fields: SCORE_RESULT },
      { name: "performance_levels", path: "performanceLevels", fields: ["assessmentReportingMethodDescriptor", "performanceLevelDescriptor", "performanceLevelMet:bool"] },
      {
        name: "objective_assessments",
        path: "studentObjectiveAssessments",
        fields: ["objectiveAssessmentReference.identificationCode"],
        children: [
          { name: "objective_score_results", path: "scoreResults", fields: SCORE_RESULT },
          { name: "objective_performance_levels", path: "performanceLevels", fields: ["assessmentReportingMethodDescriptor", "performanceLevelDescriptor", "performanceLevelMet:bool"] },
        ],
      },
    ],
    key: ["assessmentReference.assessmentIdentifier", "assessmentReference.namespace", "studentAssessmentIdentifier", STUDENT],
    schoolYear: "schoolYearTypeReference.schoolYear",
    usedBy: ["asmt_StudentAssessmentFact"],
  }),

  // Feeder schools
  resource("feederSchoolAssociations", {
    fields: ["endDate", "feederRelationshipDescription"],
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
