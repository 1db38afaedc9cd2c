-- Custom SQL migration: every activity summary starts with a verb (it follows the actor's name).
-- `"X" no longer depends on "Y"` becomes `removed the dependency of "X" on "Y"`.
UPDATE `activity`
SET `summary` = 'removed the dependency of ' || replace(`summary`, '" no longer depends on "', '" on "')
WHERE `action` = 'milestone.dependency_removed' AND `summary` LIKE '"%" no longer depends on "%"';
