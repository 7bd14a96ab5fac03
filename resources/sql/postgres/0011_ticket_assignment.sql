-- Schema version 11: who may change a ticket's assignee, decided by the server (issue 4, "stopping agents
-- from reassigning at will"). The desktop checks the same rules first (AssignmentService); this is the
-- boundary, with the login's role read from td.agent, never from the client.
--   supervisor, admin: any change;
--   agent: only to itself, and only a ticket that nobody has or that it has already;
--   an agent may also give back its own ticket (assignee to NULL);
--   clerk: none (clerks open tickets but do not work them);
--   no agent row (server tooling, the loader): any change.
-- A refusal is SQLSTATE 42501, which sync.apply_batch records as a rejection with code "permission".

CREATE OR REPLACE FUNCTION sync.check_ticket_assignment() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_role text := sync.my_role();
    v_me uuid := sync.my_agent_id();
BEGIN
    IF v_role IS NULL OR v_role IN ('supervisor', 'admin') THEN
        RETURN NEW;
    END IF;
    IF v_role = 'agent' THEN
        IF NEW.assignee_id = v_me AND (OLD.assignee_id IS NULL OR OLD.assignee_id = v_me) THEN
            RETURN NEW;
        END IF;
        IF NEW.assignee_id IS NULL AND OLD.assignee_id = v_me THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'an agent takes only unassigned tickets or its own; giving ticket % to someone else needs a supervisor',
            OLD.ticket_no USING ERRCODE = '42501';
    END IF;
    RAISE EXCEPTION 'a % does not assign tickets', v_role USING ERRCODE = '42501';
END
$$;
REVOKE ALL ON FUNCTION sync.check_ticket_assignment() FROM PUBLIC;

CREATE OR REPLACE TRIGGER td_assignment BEFORE UPDATE OF assignee_id ON td.ticket FOR EACH ROW
    WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)
    EXECUTE FUNCTION sync.check_ticket_assignment();
