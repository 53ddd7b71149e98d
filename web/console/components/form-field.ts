// What every form item of a drawer form is given (AssigneeField, CheckboxGroupField, DateField,
// DateTimeField, NodeField, NumberField, RadioField, SelectField, SwitchField, TextField): its label,
// which also names the control for screen readers, the model key its rules check, and the server's message.
export interface FieldProps {
  label: string
  /** The form model key the form's rules check. */
  prop?: string
  /** The server's message for the field, if the last save was refused for it. */
  error?: string
}
