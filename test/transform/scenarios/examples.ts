// The IDB shapes of worked examples 1, 2 and 3 (data-model section 7), written through the
// scenario builder under a prefix so several copies can live in one database.
import type { Db } from '../../../src/db/types.ts';
import { ag, AGENT, DN, ext, PLACE_JDOE, type Scenario, writeScenario } from './builder.ts';
import { writeSession } from './run.ts';

export function example1(p: string): Scenario {
  return {
    p,
    calls: [
      { id: 'C1', type: 2, created: '10:00:00', terminated: '10:05:00', ani: '5551234', dnis: '8005550000' },
    ],
    parties: [
      { id: 'P1', guid: 'G1', call: 'C1', type: 6, prole: 1, hist: '1: 10:00:00 1/12; 2: 10:05:00 2/0' },
      {
        id: 'P2',
        guid: 'G2',
        call: 'C1',
        type: 4,
        prole: 2,
        endpoint: DN.rp,
        dn: '4000',
        hist: '1: 10:00:00 1/2048; 2: 10:00:10 2/0',
      },
      {
        id: 'P3',
        guid: 'G3',
        call: 'C1',
        type: 1,
        prole: 2,
        parent: 'P2',
        link: 1,
        endpoint: DN.jdoe,
        agent: AGENT.jdoe,
        hist: '1: 10:00:10 1/10; 2: 10:00:18 3/12; 3: 10:02:00 3/14; 4: 10:02:45 3/12; 5: 10:05:00 2/0',
      },
    ],
    vqs: [{ call: 'C1', party: 'P2', added: '10:00:02', terminated: '10:00:10', result: 1 }],
  };
}

export function example2(p: string): Scenario {
  return {
    p,
    calls: [
      { id: 'C2', type: 2, created: '11:00:00', terminated: '11:01:35', ani: '5551234', dnis: '8005550000' },
    ],
    parties: [
      { id: 'P1', call: 'C2', type: 6, prole: 1, hist: '1: 11:00:00 1/12; 2: 11:01:35 2/0' },
      {
        id: 'P2',
        call: 'C2',
        type: 4,
        prole: 2,
        endpoint: DN.rp,
        dn: '4000',
        hist: '1: 11:00:00 1/2048; 2: 11:00:05 2/0',
      },
      {
        id: 'P3',
        call: 'C2',
        type: 3,
        prole: 2,
        parent: 'P2',
        link: 1,
        endpoint: DN.acdq,
        hist: '1: 11:00:05 1/9; 2: 11:01:35 2/0',
      },
    ],
  };
}

export function example3(p: string, base = 12, mergeType = 1): Scenario {
  const h = (mm: string): string => `${base}:${mm}`;
  return {
    p,
    calls: [
      { id: 'C3', type: 2, created: h('00:00'), terminated: h('04:00'), ani: '5551234', dnis: '8005550000' },
      {
        id: 'C4',
        type: 4,
        parent: 'C3',
        created: h('01:00'),
        terminated: h('02:00'),
        merge: 'C3',
        mergeType,
      },
    ],
    parties: [
      { id: 'P1', call: 'C3', type: 6, prole: 1, hist: `1: ${h('00:00')} 1/12; 2: ${h('04:00')} 2/0` },
      {
        id: 'P2',
        guid: 'G2',
        call: 'C3',
        type: 1,
        prole: 2,
        endpoint: DN.jdoe,
        agent: AGENT.jdoe,
        hist: `1: ${h('00:00')} 1/10; 2: ${h('00:05')} 3/12; 3: ${h('01:00')} 3/14; 4: ${h('02:00')} 2/0`,
      },
      {
        id: 'P4',
        guid: 'G4',
        call: 'C4',
        type: 1,
        prole: 1,
        parent: 'P2',
        link: 6,
        endpoint: DN.jdoe,
        agent: AGENT.jdoe,
        hist: `1: ${h('01:00')} 1/65536; 2: ${h('01:06')} 3/12; 3: ${h('02:00')} 2/0`,
      },
      {
        id: 'P5',
        guid: 'G5',
        call: 'C4',
        type: 1,
        prole: 2,
        parent: 'P4',
        link: 3,
        endpoint: DN.bsmith,
        agent: AGENT.bsmith,
        hist: `1: ${h('01:00')} 1/10; 2: ${h('01:06')} 3/12; 3: ${h('02:00')} 4/12`,
      },
      {
        id: 'P6',
        guid: 'G5',
        call: 'C3',
        type: 1,
        prole: 2,
        endpoint: DN.bsmith,
        agent: AGENT.bsmith,
        hist: `4: ${h('02:00')} 1/12; 5: ${h('04:00')} 2/0`,
      },
    ],
  };
}

/**
 * A consult from agent 5001 (G2, folded G4) to agent 5002 (G5) on C4, 10:01-10:02: merged into C3
 * with `mergeType` (5002 then stays on C3 until 10:04), or never merged (null).
 */
export function consultShape(p: string, mergeType: number | null): Scenario {
  const merged = mergeType !== null;
  return {
    p,
    calls: [
      { id: 'C3', type: 2, created: '10:00:00', terminated: '10:05:00' },
      {
        id: 'C4',
        type: 4,
        parent: 'C3',
        created: '10:01:00',
        terminated: '10:02:00',
        ...(merged ? { merge: 'C3', mergeType } : {}),
      },
    ],
    parties: [
      ext('P1', 'C3', '1: 10:00:00 1/12; 2: 10:05:00 2/0'),
      ag(
        'P2',
        'jdoe',
        'C3',
        '1: 10:00:00 1/10; 2: 10:00:05 3/12; 3: 10:01:00 3/14; 4: 10:02:00 3/12; 5: 10:05:00 2/0',
        {
          guid: 'G2',
        },
      ),
      ag('P4', 'jdoe', 'C4', '1: 10:01:00 1/65536; 2: 10:01:06 3/12; 3: 10:02:00 2/0', {
        guid: 'G4',
        prole: 1,
        parent: 'P2',
        link: 6,
      }),
      ag('P5', 'bsmith', 'C4', `1: 10:01:00 1/10; 2: 10:01:06 3/12; 3: 10:02:00 ${merged ? '4/12' : '2/0'}`, {
        guid: 'G5',
        parent: 'P4',
        link: 3,
      }),
      ...(merged
        ? [ag('P6', 'bsmith', 'C3', '4: 10:02:00 1/12; 5: 10:04:00 2/0', { guid: 'G5', prole: 3 })]
        : []),
    ],
  };
}

/**
 * The agent sessions of examples 1 and 3: 5001 on 7001 (place 6001) from 09:00, open, and 5002
 * on 7002 from 09:00, open, with the Type 5 state rows section 7 lists.
 */
export async function writeExampleSessions(db: Db): Promise<void> {
  await writeSession(db, {
    ls: 'LS1',
    agent: AGENT.jdoe,
    dn: DN.jdoe,
    place: PLACE_JDOE,
    from: '09:00:00',
    states: [
      ['09:55:00', 3],
      ['10:00:10', 5],
      ['10:05:00', 4],
      ['10:05:30', 3],
      ['12:00:00', 5],
      ['12:02:00', 4],
      ['12:02:20', 3],
    ],
  });
  await writeSession(db, {
    ls: 'LS5',
    agent: AGENT.bsmith,
    dn: DN.bsmith,
    from: '09:00:00',
    states: [
      ['09:00:00', 3],
      ['12:01:00', 5],
      ['12:04:00', 4],
      ['12:04:40', 3],
    ],
  });
}

/** Examples 1, 2 and 3 under the prefixes E1, E2 and E3. */
export async function writeExamples(db: Db): Promise<void> {
  await writeScenario(db, example1('E1'));
  await writeScenario(db, example2('E2'));
  await writeScenario(db, example3('E3'));
}
