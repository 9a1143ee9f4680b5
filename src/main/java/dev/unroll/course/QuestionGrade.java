package dev.unroll.course;

/**
 * How a submission answered one question of its sheet: answered when a claim under the question's
 * heading was judged, right when it was answered and none of its claims is wrong.
 */
public record QuestionGrade(int number, String title, boolean answered, boolean right) {}
