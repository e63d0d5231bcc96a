/** An antd form's values, or a stored action's payload (the contract types it as a record): read field by field. */
export type Obj = Record<string, unknown>;
