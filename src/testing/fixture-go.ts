/** The go directive of the go.mod that single-file fixture cases (and folder cases without one) get. */
export const FIXTURE_GO = '1.22';
