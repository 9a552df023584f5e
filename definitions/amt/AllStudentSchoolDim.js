// AMT-SPEC §4.15: every enrollment, past and current, with the StudentSchoolDim columns and a flag.
publish("AllStudentSchoolDim", amt.config("AllStudentSchoolDim")).query((ctx) => amt.shape("AllStudentSchoolDim", amt.studentSchools(ctx)));
