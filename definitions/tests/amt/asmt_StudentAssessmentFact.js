// Dataform unit test(s) of AMT asmt_StudentAssessmentFact (AMT-SPEC §8.2); rows are written with includes/amt_tests.js.
if (amt.collectionEnabled("asmt")) {
  const { rows, date, timestamp, none, declareTest: declare } = amt_tests;

  // Objective vs overall: an objective's score, data type, method and performance level win over the
  // overall ones, an objective without them falls back to the overall ones, and the StudentAssessment*
  // columns stay overall; only current enrollments; descriptor code values in the keys (§3.2).
  const uri = (type, code) => `uri://ed-fi.org/${type}Descriptor#${code}`;
  const described = (type, code, description) => ({ school_year: 2025, namespace: `uri://ed-fi.org/${type}Descriptor`, code_value: code, uri: uri(type, code), description });
  const STUDENT_ASSESSMENT = { school_year: 2025, assessment_identifier: "STATE-ELA-05", namespace: "uri://ed-fi.org/Assessment", student_assessment_identifier: "SA1", student_unique_id: "S1" };
  const child = (fields) => ({ parent_id: "sa1", ...STUDENT_ASSESSMENT, ...fields });
  const score = (method, result) => ({ assessment_reporting_method_descriptor: method, assessment_reporting_method_descriptor_uri: uri("AssessmentReportingMethod", method), result_datatype_type_descriptor_uri: uri("ResultDatatypeType", "Integer"), result });
  const level = (code) => ({ assessment_reporting_method_descriptor_uri: uri("AssessmentReportingMethod", "Scale score"), performance_level_descriptor: code, performance_level_descriptor_uri: uri("PerformanceLevel", code) });
  const enrollment = (school, exit) => ({ school_year: 2025, entry_date: date("2024-08-19"), school_id: school, student_unique_id: "S1", exit_withdraw_date: exit, entry_grade_level_descriptor: "Fifth grade" });
  declare(
    "test_asmt_StudentAssessmentFact_objective_vs_overall",
    "asmt_StudentAssessmentFact",
    {
      stg_student_assessments: rows([{ id: "sa1", ...STUDENT_ASSESSMENT, administration_date: timestamp("2025-04-28 09:00:00"), when_assessed_grade_level_descriptor: "Fifth grade" }]),
      stg_assessments: rows([{ school_year: 2025, assessment_identifier: "STATE-ELA-05", namespace: "uri://ed-fi.org/Assessment" }]),
      stg_students: rows([{ school_year: 2025, student_unique_id: "S1" }]),
      stg_student_school_associations: rows([enrollment(867530011, none("DATE")), enrollment(867530012, date("2024-12-20"))]),
      stg_schools: rows([{ school_year: 2025, school_id: 867530011 }, { school_year: 2025, school_id: 867530012 }]),
      stg_student_assessments__score_results: rows([child(score("Scale score", "1620"))]),
      stg_student_assessments__performance_levels: rows([child(level("Proficient"))]),
      stg_student_assessments__objective_assessments: rows([child({ identification_code: "ELA-1" }), child({ identification_code: "ELA-2" })]),
      stg_student_assessments__objective_score_results: rows([child({ identification_code: "ELA-1", ...score("Raw score", "12") })]),
      stg_student_assessments__objective_performance_levels: rows([child({ identification_code: "ELA-1", ...level("Basic") })]),
      stg_result_datatype_type_descriptors: rows([described("ResultDatatypeType", "Integer", "Integer value")]),
      stg_assessment_reporting_method_descriptors: rows([described("AssessmentReportingMethod", "Scale score", "Scale Score"), described("AssessmentReportingMethod", "Raw score", "Raw Score")]),
      stg_performance_level_descriptors: rows([described("PerformanceLevel", "Proficient", "Proficient level"), described("PerformanceLevel", "Basic", "Basic level")]),
    },
    rows(
      [
        ["ELA-1", "Raw score", "Basic", "12", "Raw Score", "Basic level"],
        ["ELA-2", "", "", "1620", "Scale Score", "Proficient level"],
      ].map(([code, method, objectiveLevel, score, reporting, performance]) => ({
        StudentAssessmentFactKey: `STATE-ELA-05-uri://ed-fi.org/Assessment-SA1-Scale score-Proficient-${code}-${method}-${objectiveLevel}-S1-867530011-20240819`,
        StudentAssessmentKey: "STATE-ELA-05-uri://ed-fi.org/Assessment-SA1-S1",
        StudentObjectiveAssessmentKey: `S1-${code}-STATE-ELA-05-SA1-uri://ed-fi.org/Assessment`,
        ObjectiveAssessmentKey: `STATE-ELA-05-${code}-uri://ed-fi.org/Assessment`,
        AssessmentKey: "STATE-ELA-05-uri://ed-fi.org/Assessment", AssessmentIdentifier: "STATE-ELA-05", Namespace: "uri://ed-fi.org/Assessment", StudentAssessmentIdentifier: "SA1",
        StudentUSI: "S1", StudentKey: "S1", StudentSchoolKey: "S1-867530011", SchoolKey: "867530011", AdministrationDate: "20250428", AdministrationDateKey: "20250428",
        AssessedGradeLevel: "Fifth grade", StudentScore: score, ResultDataType: "Integer value", ReportingMethod: reporting, PerformanceResult: performance,
        StudentAssessmentScore: "1620", StudentAssessmentResultDataType: "Integer value", StudentAssessmentReportingMethod: "Scale Score", StudentAssessmentPerformanceResult: "Proficient level",
      })),
    ),
  );
}
