import type { Model, mongo } from 'mongoose';

/**
 * The driver's collection behind a model, typed with the model's document: for the few hot
 * reads and writes where mongoose's document and query building cost more than the operation.
 * The documents written must already be what the schema would have made.
 */
export function nativeCollection<T extends { _id: string }>(model: Model<T>): mongo.Collection<T> {
  return model.collection as unknown as mongo.Collection<T>;
}
