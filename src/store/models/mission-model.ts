import { Schema, type Connection, type Model } from 'mongoose';
import { conversationRefSchema, userRefSchema, workspaceRefSchema } from './shared-schemas';

export interface MissionDoc {
  _id: string;
  home: { platform: string; workspaceId: string };
  homeKey: string;
  workspaceKeys: string[];
  slug: string;
  statement: string;
  targetDate?: string;
  place?: string;
  /** The mission's one zone. Documents of older versions also have `schedule.timeZone` (mission-zone-upgrade.ts). */
  timeZone: string;
  digestChannel?: { platform: string; workspaceId: string; conversationId: string; kind: string; serviceUrl?: string };
  alertChannel?: { platform: string; workspaceId: string; conversationId: string; kind: string; serviceUrl?: string };
  schedule: { day: number; time: string; remindAfterMinutes: number; closeAfterMinutes: number; paused: boolean };
  /** JSON string of Question[]. */
  questions: string;
  nextOpenAt?: Date;
  escalateAfterWeeks?: number;
  retentionMonths?: number;
  createdBy: { platform: string; workspaceId: string; userId: string };
  createdAt: Date;
  updatedAt: Date;
}

const scheduleSchema = new Schema(
  {
    day: { type: Number, required: true },
    time: { type: String, required: true },
    remindAfterMinutes: { type: Number, required: true },
    closeAfterMinutes: { type: Number, required: true },
    paused: { type: Boolean, required: true },
  },
  { _id: false },
);

const missionSchema = new Schema<MissionDoc>(
  {
    _id: { type: String, required: true },
    home: { type: workspaceRefSchema, required: true },
    homeKey: { type: String, required: true },
    workspaceKeys: { type: [String], required: true },
    slug: { type: String, required: true },
    statement: { type: String, required: true },
    targetDate: String,
    place: String,
    timeZone: { type: String, required: true },
    digestChannel: conversationRefSchema,
    alertChannel: conversationRefSchema,
    schedule: { type: scheduleSchema, required: true },
    questions: { type: String, required: true },
    nextOpenAt: Date,
    escalateAfterWeeks: Number,
    retentionMonths: Number,
    createdBy: { type: userRefSchema, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'missions', versionKey: false },
);
// A slug names one mission within its home workspace; the unique index makes creation race-free.
missionSchema.index({ homeKey: 1, slug: 1 }, { unique: true });
missionSchema.index({ workspaceKeys: 1, slug: 1 });
// The scheduler's tick asks only for missions whose next round is due.
missionSchema.index({ nextOpenAt: 1 });

export function missionModel(conn: Connection): Model<MissionDoc> {
  return conn.models.Mission ?? conn.model<MissionDoc>('Mission', missionSchema);
}
