// TEMPORARY while the plugin branches of issue 17 are merged: plugins stop importing access/.
export * from './roles'
