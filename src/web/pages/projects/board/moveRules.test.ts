import { describe, expect, it } from 'vitest';
import { dropTargets, moveNeeds } from './moveRules.ts';

describe('board move rules', () => {
  it('offers the state machine’s moves as drop targets', () => {
    expect(dropTargets({ stage: 'lead', heldFrom: null })).toEqual(['contacted', 'on_hold', 'lost']);
    expect(dropTargets({ stage: 'negotiating', heldFrom: null })).toEqual([
      'signed',
      'contacted',
      'on_hold',
      'lost',
    ]);
    expect(dropTargets({ stage: 'on_hold', heldFrom: 'signed' })).toEqual(['signed', 'registered', 'lost']);
    expect(dropTargets({ stage: 'lost', heldFrom: null })).toEqual([]);
  });

  it('asks for a reason to pause or lose, and a credit code to register a prospect', () => {
    const prospect = { investorCompany: null };
    const registryInvestor = { investorCompany: { id: 'c', nameZh: '某公司', creditCode: 'x' } };
    expect(moveNeeds(prospect, 'on_hold')).toBe('reason');
    expect(moveNeeds(prospect, 'lost')).toBe('reason');
    expect(moveNeeds(prospect, 'registered')).toBe('creditCode');
    expect(moveNeeds(registryInvestor, 'registered')).toBeNull();
    expect(moveNeeds(prospect, 'contacted')).toBeNull();
  });
});
