import { AppError } from '@tandem/platform';
import { describe, expect, it } from 'vitest';
import { surveyKinds, templates, type Question } from './templates';

const subject = { skills: ['negotiation', 'public-speaking'] };

/** An answer to every question, built only from what the questions say about themselves. */
function answersFor(questions: Question[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    const value = q.type === 'scale' ? q.max : q.type === 'choice' ? q.options![0] : q.type === 'yes-no' ? true : 'more confidence';
    const [head, ...rest] = q.id.split('.');
    if (rest.length === 0) answers[head!] = value;
    else answers[head!] = { ...(answers[head!] as object | undefined), [rest.join('.')]: value };
  }
  return answers;
}

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, paths: error.errors?.map((e) => e.path) ?? [] };
    throw error;
  }
  throw new Error('expected the answers to be refused');
};

describe.each(surveyKinds)('the %s template', (kind) => {
  it('accepts an answer to every question it asks', () => {
    const template = templates[kind];
    const answers = answersFor(template.questions(subject));
    expect(template.parseResponse(subject, { answers }).answers).toEqual(answers);
  });

  it('names each required question left unanswered', () => {
    const template = templates[kind];
    const required = template.questions(subject).filter((q) => q.required).map((q) => `answers.${q.id}`);
    const refused = fieldsOf(() => template.parseResponse(subject, { answers: {} }));
    expect(refused.status).toBe(400);
    for (const path of required) {
      const top = path.split('.').slice(0, 2).join('.');
      expect(refused.paths).toContain(top);
    }
  });
});

describe('templates', () => {
  it('ask about the skills fixed on the assignment', () => {
    expect(templates.baseline.questions(subject).map((q) => q.id)).toEqual(['skills.negotiation', 'skills.public-speaking', 'goals']);
    expect(templates.baseline.questions({ skills: [] }).map((q) => q.id)).toEqual(['goals']);
    expect(fieldsOf(() => templates.baseline.parseResponse(subject, {
      answers: { skills: { negotiation: 6, 'public-speaking': 2 }, goals: 'x' },
    })).paths).toEqual(['answers.skills.negotiation']);
  });

  it('extract the scores other services count', () => {
    expect(templates.pulse.parseResponse(subject, { answers: { rating: 2 } }).scores).toEqual({ rating: 2 });
    const end = templates.end.parseResponse({ skills: [] }, { answers: { satisfaction: 4, nps: 9, goalCompletion: 'fully' } });
    expect(end.scores).toEqual({ satisfaction: 4, nps: 9 });
    expect(templates.baseline.parseResponse({ skills: [] }, { answers: { goals: 'lead' } }).scores).toEqual({});
  });

  it('refuse unknown answers and out-of-range scores', () => {
    expect(fieldsOf(() => templates.pulse.parseResponse(subject, { answers: { rating: 3, mood: 'ok' } })).paths).toEqual(['answers']);
    expect(fieldsOf(() => templates.end.parseResponse({ skills: [] }, {
      answers: { satisfaction: 0, nps: 11, goalCompletion: 'mostly' },
    })).paths).toEqual(['answers.satisfaction', 'answers.nps', 'answers.goalCompletion']);
  });
});
