import type { Connection, mongo } from 'mongoose';
import { missionModel } from './models/mission-model';

/**
 * Older versions kept a mission's zone twice, as `timeZone` and `schedule.timeZone`, and
 * `mission schedule tz=` changed only the second: the one its rounds ran on. Stored missions
 * may still have that shape, and a replica of an older version may write it during a rolling
 * upgrade.
 */
interface OlderMissionDoc {
  _id: string;
  timeZone: string;
  schedule: { timeZone?: string };
}

/** The zone a stored mission runs on: the schedule's, where an older version left one, since its rounds ran on it. */
export function storedTimeZone(d: { timeZone: string; schedule: object }): string {
  const older = (d.schedule as OlderMissionDoc['schedule']).timeZone;
  return typeof older === 'string' ? older : d.timeZone;
}

/**
 * Moves every stored mission's zone into its one field: `timeZone` takes the schedule's zone
 * (see storedTimeZone) and `schedule.timeZone` goes. Runs whenever a store opens, on every
 * replica: each update applies only while the old field still holds the value read, so a
 * second run, or several replicas at once, change nothing more. Returns how many it moved.
 */
export async function upgradeMissionTimeZones(conn: Connection): Promise<number> {
  // The driver's collection: mongoose would drop a path its schema no longer has from the update.
  const missions = missionModel(conn).collection as unknown as mongo.Collection<OlderMissionDoc>;
  const older = await missions.find({ 'schedule.timeZone': { $exists: true } }, { projection: { timeZone: 1, schedule: 1 } }).toArray();
  let moved = 0;
  for (const d of older) {
    const zone = storedTimeZone(d);
    const result = await missions.updateOne(
      { _id: d._id, 'schedule.timeZone': zone },
      { $set: { timeZone: zone }, $unset: { 'schedule.timeZone': '' } },
    );
    moved += result.modifiedCount;
  }
  return moved;
}
