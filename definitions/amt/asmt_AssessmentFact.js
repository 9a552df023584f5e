// AMT-SPEC §8.1: assessments with their collections joined independently, as AMT does: one row per
// grade level × score × subject × objective assessment × objective score × learning standard, an
// absent collection giving one empty row. Descriptor code values stand in for AMT's ids in the key (§3.2).
if (amt.collectionEnabled("asmt")) {
  publish("asmt_AssessmentFact", amt.collectionConfig("asmt_AssessmentFact")).query((ctx) => {
    const child = (...args) => amt.childJoin(ctx, ...args);
    const describe = (...args) => amt.descriptorJoin(ctx, ...args);
    return amt.shape(
      "asmt_AssessmentFact",
      `SELECT
  ${amt.k("a.assessment_identifier", "a.namespace", "gl.grade_level_descriptor", "sc.assessment_reporting_method_descriptor", "subj.academic_subject_descriptor", "oa.identification_code", "oa.parent_identification_code", "os.assessment_reporting_method_descriptor", "ls.learning_standard_id")} AS AssessmentFactKey,
  ${amt.k("a.assessment_identifier", "a.namespace")} AS AssessmentKey,
  a.assessment_identifier AS AssessmentIdentifier,
  a.namespace AS Namespace,
  a.assessment_title AS Title,
  COALESCE(a.assessment_version, 0) AS Version,
  COALESCE(cat.description, '') AS Category,
  COALESCE(gld.description, '') AS AssessedGradeLevel,
  COALESCE(subd.description, '') AS AcademicSubject,
  COALESCE(scd.description, osd.description, '') AS ResultDataType,
  COALESCE(scm.description, osm.description, '') AS ReportingMethod,
  CASE WHEN oa.id IS NULL THEN '' ELSE ${amt.k("oa.assessment_identifier", "oa.identification_code", "oa.namespace")} END AS ObjectiveAssessmentKey,
  COALESCE(oa.identification_code, '') AS IdentificationCode,
  CASE WHEN oa.parent_identification_code IS NULL THEN '' ELSE ${amt.k("oa.assessment_identifier", "oa.parent_identification_code", "oa.namespace")} END AS ParentObjectiveAssessmentKey,
  COALESCE(oa.description, '') AS ObjectiveAssessmentDescription,
  COALESCE(oa.percent_of_assessment, 0) AS PercentOfAssessment,
  COALESCE(sc.minimum_score, os.minimum_score, '') AS MinScore,
  COALESCE(sc.maximum_score, os.maximum_score, '') AS MaxScore,
  COALESCE(ls.learning_standard_id, '') AS LearningStandard
FROM ${amt.source(ctx, "stg_assessments")} AS a
${child("stg_assessments__grade_levels", "gl", "a")}
${child("stg_assessments__scores", "sc", "a")}
${child("stg_assessments__academic_subjects", "subj", "a")}
LEFT JOIN ${amt.source(ctx, "stg_objective_assessments")} AS oa ON oa.assessment_identifier = a.assessment_identifier AND oa.namespace = a.namespace
${child("stg_objective_assessments__scores", "os", "oa")}
${child("stg_objective_assessments__learning_standards", "ls", "oa")}
${describe("assessmentCategory", "cat", "a.assessment_category_descriptor_uri")}
${describe("gradeLevel", "gld", "gl.grade_level_descriptor_uri")}
${describe("academicSubject", "subd", "subj.academic_subject_descriptor_uri")}
${describe("resultDatatypeType", "scd", "sc.result_datatype_type_descriptor_uri")}
${describe("resultDatatypeType", "osd", "os.result_datatype_type_descriptor_uri")}
${describe("assessmentReportingMethod", "scm", "sc.assessment_reporting_method_descriptor_uri")}
${describe("assessmentReportingMethod", "osm", "os.assessment_reporting_method_descriptor_uri")}`,
    );
  });
}
