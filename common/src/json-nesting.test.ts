import { findJsonProblem } from './json-nesting';

const arrays = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

test('depth counts arrays and objects; scalars add none', () => {
  expect(findJsonProblem({ a: [1, 'x', null, true] }, { maxDepth: 2 })).toBeUndefined();
  expect(findJsonProblem({ a: [[1]] }, { maxDepth: 2 })).toEqual({
    path: ['a', 0],
    message: 'Nested deeper than 2 levels of arrays and objects',
  });
});

test('a million levels are simply too deep: no recursion to overflow', () => {
  expect(findJsonProblem(arrays(1_000_000), { maxDepth: 32 })?.message).toMatch(/deeper than 32/);
});

test('storable: text and keys that cannot be stored, and __proto__ as a key, are named', () => {
  const rules = { maxDepth: 8, storable: true };
  expect(findJsonProblem({ a: ['ok', 'b\u0000'] }, rules)?.path).toEqual(['a', 1]);
  expect(findJsonProblem({ '\ud800': 1 }, rules)?.path).toEqual(['\ud800']);
  expect(findJsonProblem(JSON.parse('{"x":{"__proto__":{}}}'), rules)).toEqual({
    path: ['x', '__proto__'],
    message: '__proto__ cannot be a key',
  });
  expect(findJsonProblem({ constructor: 'fine', toString: 1 }, rules)).toBeUndefined();
  // Without `storable` only the depth counts.
  expect(findJsonProblem({ a: 'b\u0000' }, { maxDepth: 8 })).toBeUndefined();
});

test('a number beyond JSON (1e400 reads as Infinity) is refused only where it is to be stored', () => {
  const value = JSON.parse('{"n":1e400}') as unknown;
  expect(findJsonProblem(value, { maxDepth: 8 })).toBeUndefined();
  expect(findJsonProblem(value, { maxDepth: 8, storable: true })?.path).toEqual(['n']);
});
