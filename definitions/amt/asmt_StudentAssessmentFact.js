// AMT-SPEC §8.2: student assessment results once per current enrollment of the student, with the
// overall and objective collections joined independently (cross product, as AMT). Objective values win
// over overall ones in StudentScore, ResultDataType, ReportingMethod and PerformanceResult; the
// StudentAssessment* columns are always the overall ones. The API has no StudentUSI: the unique id
// stands in (§3.2), and descriptor code values stand in for AMT's ids in the key.
//
// A table, not incremental: rows leave when an enrollment ends by the as-of date (no input changes),
// and deletions of results leave no trace once staging applied them, so only a full build is exact.
if (amt.collectionEnabled("asmt")) {
  publish("asmt_StudentAssessmentFact", amt.collectionConfig("asmt_StudentAssessmentFact")).query((ctx) => {
    const child = (...args) => amt.childJoin(ctx, ...args);
    const describe = (...args) => amt.descriptorJoin(ctx, ...args);
    const administered = dialect.ymd("CAST(sa.administration_date AS DATE)");
    // An objective's scores and performance levels are grandchildren: same parent record and objective.
    const objective = (table, alias) => `LEFT JOIN ${amt.source(ctx, table)} AS ${alias}
  ON ${alias}.parent_id = soa.parent_id AND ${alias}.school_year = soa.school_year AND ${alias}.identification_code = soa.identification_code`;
    return amt.shape(
      "asmt_StudentAssessmentFact",
      `SELECT
  ${amt.k("sa.assessment_identifier", "sa.namespace", "sa.student_assessment_identifier", "sr.assessment_reporting_method_descriptor", "pl.performance_level_descriptor", "soa.identification_code", "osr.assessment_reporting_method_descriptor", "opl.performance_level_descriptor", "sa.student_unique_id", "ssa.school_id", dialect.ymd("ssa.entry_date"))} AS StudentAssessmentFactKey,
  ${amt.k("sa.assessment_identifier", "sa.namespace", "sa.student_assessment_identifier", "sa.student_unique_id")} AS StudentAssessmentKey,
  CASE WHEN soa.parent_id IS NULL THEN '' ELSE ${amt.k("sa.student_unique_id", "soa.identification_code", "sa.assessment_identifier", "sa.student_assessment_identifier", "sa.namespace")} END AS StudentObjectiveAssessmentKey,
  CASE WHEN soa.parent_id IS NULL THEN '' ELSE ${amt.k("sa.assessment_identifier", "soa.identification_code", "sa.namespace")} END AS ObjectiveAssessmentKey,
  ${amt.k("sa.assessment_identifier", "sa.namespace")} AS AssessmentKey,
  sa.assessment_identifier AS AssessmentIdentifier,
  sa.namespace AS Namespace,
  sa.student_assessment_identifier AS StudentAssessmentIdentifier,
  sa.student_unique_id AS StudentUSI,
  COALESCE(sa.student_unique_id, '') AS StudentKey,
  ${amt.k("sa.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  ${dialect.toText("ssa.school_id")} AS SchoolKey,
  ${administered} AS AdministrationDate,
  ${administered} AS AdministrationDateKey,
  COALESCE(sa.when_assessed_grade_level_descriptor, '') AS AssessedGradeLevel,
  COALESCE(osr.result, sr.result, '') AS StudentScore,
  COALESCE(osrd.description, srd.description, '') AS ResultDataType,
  COALESCE(osrm.description, srm.description, '') AS ReportingMethod,
  COALESCE(opld.description, pld.description, '') AS PerformanceResult,
  COALESCE(sr.result, '') AS StudentAssessmentScore,
  COALESCE(srd.description, '') AS StudentAssessmentResultDataType,
  COALESCE(srm.description, '') AS StudentAssessmentReportingMethod,
  COALESCE(pld.description, '') AS StudentAssessmentPerformanceResult
FROM ${amt.source(ctx, "stg_student_assessments")} AS sa
INNER JOIN ${amt.source(ctx, "stg_assessments")} AS a ON a.assessment_identifier = sa.assessment_identifier AND a.namespace = sa.namespace
${amt.currentEnrollments(ctx, "sa")}
INNER JOIN ${amt.source(ctx, "stg_schools")} AS sc ON sc.school_id = ssa.school_id
${child("stg_student_assessments__score_results", "sr", "sa")}
${child("stg_student_assessments__performance_levels", "pl", "sa")}
${child("stg_student_assessments__objective_assessments", "soa", "sa")}
${objective("stg_student_assessments__objective_score_results", "osr")}
${objective("stg_student_assessments__objective_performance_levels", "opl")}
${describe("resultDatatypeType", "srd", "sr.result_datatype_type_descriptor_uri")}
${describe("assessmentReportingMethod", "srm", "sr.assessment_reporting_method_descriptor_uri")}
${describe("performanceLevel", "pld", "pl.performance_level_descriptor_uri")}
${describe("resultDatatypeType", "osrd", "osr.result_datatype_type_descriptor_uri")}
${describe("assessmentReportingMethod", "osrm", "osr.assessment_reporting_method_descriptor_uri")}
${describe("performanceLevel", "opld", "opl.performance_level_descriptor_uri")}
WHERE ssa.entry_grade_level_descriptor IS NOT NULL`,
    );
  });
}
