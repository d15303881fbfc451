import type { components } from './openapi-types';

/** The API's shapes, as generated from openapi.json: the one definition server and CLI share. */
type Schemas = components['schemas'];

export type ApiError = Schemas['Error'];
export type ApiErrorCode = ApiError['error']['code'];
export type ApiMission = Schemas['Mission'];
export type ApiMember = Schemas['Member'];
export type ApiMemberRef = Schemas['MemberRef'];
export type ApiQuestion = Schemas['Question'];
export type ApiRound = Schemas['Round'];
export type ApiParticipation = Schemas['Participation'];
export type ApiAnswer = Schemas['Answer'];
export type ApiCheckin = Schemas['Checkin'];
export type ApiBlocker = Schemas['Blocker'];
export type ApiReading = Schemas['Reading'];
export type ApiIndicator = Schemas['Indicator'];
export type ApiBudgetPeriod = Schemas['BudgetPeriod'];
export type ApiDigest = Schemas['Digest'];

/** Every list answers with one page of items and the cursor of the next page (null at the end). */
export interface ApiPage<T> {
  data: T[];
  nextCursor: string | null;
}
