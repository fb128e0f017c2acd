// Awaiting an expected rejection in specs, so the error can be asserted on by content.

/** The error `promise` rejects with; throws (failing the test) if it resolves instead. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure, but the call succeeded');
    },
    (error: Error) => error,
  );
}
