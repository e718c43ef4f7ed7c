import { parseInput } from '@tandem/platform';
import { z } from 'zod';

export const surveyKinds = ['baseline', 'pulse', 'end', 'follow-up'] as const;
export type SurveyKind = (typeof surveyKinds)[number];

/** One question as a client shows it; `id` is the path of its answer inside `answers`. */
export interface Question {
  id: string;
  text: string;
  type: 'scale' | 'text' | 'choice' | 'yes-no';
  required: boolean;
  min?: number;
  max?: number;
  options?: readonly string[];
}

/** What an assignment fixes when it is made: the skills its questions ask about. */
export interface SurveySubject {
  skills: readonly string[];
}

/** The numbers other services need from an answer (see the surveys.response.submitted contract). */
export interface Scores {
  rating?: number;
  nps?: number;
  satisfaction?: number;
}

const scale = (min: number, max: number) => z.number().int().min(min).max(max);
const freeText = z.string().trim().max(2000);
const goalCompletionLevels = ['none', 'partly', 'fully'] as const;

/** One 1-5 self-assessment per skill, keyed by skill; absent when there are no skills to ask about. */
const skillRatings = (skills: readonly string[]) =>
  skills.length > 0 ? { skills: z.strictObject(Object.fromEntries(skills.map((s) => [s, scale(1, 5)]))) } : {};
const skillQuestions = (skills: readonly string[], when: string): Question[] =>
  skills.map((skill) => ({
    id: `skills.${skill}`, text: `${when}, how would you rate your ${skill}?`, type: 'scale', min: 1, max: 5, required: true,
  }));

// The answer schemas of the built-in templates, with their inferred types beside them.
export const baselineAnswers = (subject: SurveySubject) =>
  z.strictObject({ ...skillRatings(subject.skills), goals: freeText.min(1) });
export const pulseAnswers = z.strictObject({ rating: scale(1, 5), comment: freeText.optional() });
export type PulseAnswers = z.infer<typeof pulseAnswers>;
export const endAnswers = (subject: SurveySubject) =>
  z.strictObject({
    ...skillRatings(subject.skills),
    satisfaction: scale(1, 5),
    nps: scale(0, 10),
    goalCompletion: z.enum(goalCompletionLevels),
    comment: freeText.optional(),
  });
export type EndAnswers = z.infer<ReturnType<typeof endAnswers>>;
export const followUpAnswers = z.strictObject({
  stillInTouch: z.boolean(),
  goalCompletion: z.enum(goalCompletionLevels),
  applied: scale(1, 5),
  comment: freeText.optional(),
});

export interface Template {
  questions(subject: SurveySubject): Question[];
  /** Parses a response body `{ answers }`: a 400 naming each bad answer (e.g. `answers.rating`), or the answers and their scores. */
  parseResponse(subject: SurveySubject, body: unknown): { answers: Record<string, unknown>; scores: Scores };
}

function template<S extends z.ZodType<Record<string, unknown>>>(definition: {
  questions: (subject: SurveySubject) => Question[];
  answers: (subject: SurveySubject) => S;
  scores: (answers: z.infer<S>) => Scores;
}): Template {
  return {
    questions: definition.questions,
    parseResponse(subject, body) {
      // zod cannot resolve the object type over a generic S; the parse itself is fully checked.
      const { answers } = parseInput(z.strictObject({ answers: definition.answers(subject) }), body) as { answers: z.infer<S> };
      return { answers, scores: definition.scores(answers) };
    },
  };
}

const goalCompletionQuestion: Question = {
  id: 'goalCompletion', text: 'How far did you get with your goals?', type: 'choice', options: goalCompletionLevels, required: true,
};
const commentQuestion: Question = { id: 'comment', text: 'Anything else you want to tell us?', type: 'text', required: false };

/** The built-in survey set, one template per kind. */
export const templates: Record<SurveyKind, Template> = {
  baseline: template({
    questions: ({ skills }) => [
      ...skillQuestions(skills, 'Today'),
      { id: 'goals', text: 'What do you want to get out of this program?', type: 'text', required: true },
    ],
    answers: baselineAnswers,
    scores: () => ({}),
  }),
  pulse: template({
    questions: () => [
      { id: 'rating', text: 'How useful was this session?', type: 'scale', min: 1, max: 5, required: true },
      commentQuestion,
    ],
    answers: () => pulseAnswers,
    scores: (a: PulseAnswers) => ({ rating: a.rating }),
  }),
  end: template({
    questions: ({ skills }) => [
      ...skillQuestions(skills, 'Now, at the end of the program'),
      { id: 'satisfaction', text: 'How satisfied are you with the program?', type: 'scale', min: 1, max: 5, required: true },
      { id: 'nps', text: 'How likely are you to recommend the program to a colleague?', type: 'scale', min: 0, max: 10, required: true },
      goalCompletionQuestion,
      commentQuestion,
    ],
    answers: endAnswers,
    scores: (a: EndAnswers) => ({ satisfaction: a.satisfaction, nps: a.nps }),
  }),
  'follow-up': template({
    questions: () => [
      { id: 'stillInTouch', text: 'Are you still in touch with your partner?', type: 'yes-no', required: true },
      goalCompletionQuestion,
      { id: 'applied', text: 'How much of what you learned do you use at work?', type: 'scale', min: 1, max: 5, required: true },
      commentQuestion,
    ],
    answers: () => followUpAnswers,
    scores: () => ({}),
  }),
};
